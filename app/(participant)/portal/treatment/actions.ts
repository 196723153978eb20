'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { revokeConsent, signConsent } from '@/db/queries/treatment';
import { defineAction } from '@/lib/actions';
import { recipientKinds } from '@/lib/domain/part2-consent';

/** Recipient checkboxes arrive as recipient_<kind>=on. */
const signFormSchema = z.record(z.string(), z.string()).transform((v) => ({
  ...v,
  recipients: recipientKinds.filter((k) => v[`recipient_${k}`] === 'on'),
}));

/** The participant signs a 42 CFR Part 2 consent on their own case (every element checked in the data layer). */
export const signConsentAction = defineAction({
  schema: signFormSchema,
  permission: 'consent.sign',
  run: async ({ db, actor }, input) => {
    const r = await signConsent(db, actor, input as Parameters<typeof signConsent>[2]);
    revalidatePath('/portal/treatment');
    return { id: r.id };
  },
});

/** The participant revokes their own consent. */
export const revokeOwnConsentAction = defineAction({
  schema: z.object({ consentId: z.uuid(), version: z.coerce.number().int().positive() }),
  permission: 'consent.revoke',
  run: async ({ db, actor }, input) => {
    const r = await revokeConsent(db, actor, input);
    revalidatePath('/portal/treatment');
    return { id: r.id, version: r.version };
  },
});
