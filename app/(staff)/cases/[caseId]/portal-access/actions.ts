'use server';

import { createLetterCode, portalAccessSchema, sendPortalInvitation } from '@/db/queries/sign-in-codes';
import { defineAction } from '@/lib/actions';

/** Send the participant an invitation link by text and/or email (through the outbox). */
export const sendInvitationAction = defineAction({
  schema: portalAccessSchema,
  permission: 'portal.invite',
  run: async ({ db, actor }, input) => {
    const r = await sendPortalInvitation(db, actor, input);
    return { channels: r.channels as string[], expiresAt: r.expiresAt.toISOString() };
  },
});

/** Make a one-time letter code (shown once, for printing). */
export const printLetterCodeAction = defineAction({
  schema: portalAccessSchema,
  permission: 'portal.invite',
  run: async ({ db, actor }, input) => createLetterCode(db, actor, input),
});
