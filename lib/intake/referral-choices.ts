/**
 * Choice lists of the referral form, without zod: imported by the client-side referral form
 * (components/intake/referral-form.tsx). Zod sets up object schemas by probing `new Function`,
 * which the Content-Security-Policy (no 'unsafe-eval') reports as a violation in the browser.
 */
export const races = ['american_indian', 'asian', 'black', 'pacific_islander', 'white', 'multiracial', 'other', 'unknown'] as const;
export const ethnicities = ['hispanic', 'not_hispanic', 'unknown'] as const;
export const sexes = ['female', 'male', 'another', 'unknown'] as const;
