'use server';

import { revalidatePath } from 'next/cache';
import { referToTreatment, referTreatmentSchema, revokeConsent, revokeConsentSchema } from '@/db/queries/treatment';
import { defineAction } from '@/lib/actions';

/** Refer a case to a provider: coordinators (any case of the jurisdiction) or volunteers (cases of their boards; scope in the data layer). */
export const referTreatmentAction = defineAction({
  schema: referTreatmentSchema,
  permission: 'treatment.refer',
  run: async ({ db, actor }, input) => {
    const r = await referToTreatment(db, actor, input);
    revalidatePath(actor.role === 'volunteer' ? `/board/cases/${input.caseId}` : `/cases/${input.caseId}`);
    return { id: r.id };
  },
});

/** A coordinator revokes a Part 2 consent on the participant's written request (described). */
export const revokeConsentOnRequestAction = defineAction({
  schema: revokeConsentSchema,
  permission: 'consent.revoke',
  run: async ({ db, actor }, input) => {
    const r = await revokeConsent(db, actor, input);
    revalidatePath('/cases');
    return { id: r.id, version: r.version };
  },
});
