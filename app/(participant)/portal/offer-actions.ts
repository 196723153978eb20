'use server';

import { revalidatePath } from 'next/cache';
import { respondToOffer, respondToOfferSchema } from '@/db/queries/offers';
import { defineAction } from '@/lib/actions';

/** The participant's own answer to the offer to divert. */
export const answerOfferAction = defineAction({
  schema: respondToOfferSchema.omit({ note: true }),
  permission: 'offer.respond',
  run: async ({ db, actor }, input) => {
    const r = await respondToOffer(db, actor, input);
    revalidatePath('/portal');
    return { status: r.status as string };
  },
});
