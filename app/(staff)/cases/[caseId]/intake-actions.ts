'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { respondToOffer, respondToOfferSchema } from '@/db/queries/offers';
import { assignBoard, assignBoardSchema, routeAgain, routeAgainSchema } from '@/db/queries/routing';
import { overrideScreening, overrideScreeningSchema, returnIneligibleCase } from '@/db/queries/screening';
import { defineAction } from '@/lib/actions';

export const overrideScreeningAction = defineAction({
  schema: overrideScreeningSchema,
  permission: 'screening.override',
  run: async ({ db, actor }, input) => {
    const r = await overrideScreening(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    return { version: r.version, status: r.status as string };
  },
});

export const returnIneligibleAction = defineAction({
  schema: z.object({ caseId: z.uuid(), version: z.coerce.number().int().positive(), note: z.string().trim().max(2000).optional() }),
  permission: 'screening.override',
  run: async ({ db, actor }, input) => {
    const r = await returnIneligibleCase(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    return { version: r.version, status: r.status as string };
  },
});

export const recordOfferAnswerAction = defineAction({
  schema: respondToOfferSchema,
  permission: 'offer.respond',
  run: async ({ db, actor }, input) => {
    const r = await respondToOffer(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    return { version: r.version, status: r.status as string, routing: r.routing ? (r.routing.ok ? r.routing.explanation : r.routing.reason) : null };
  },
});

export const assignBoardAction = defineAction({
  schema: assignBoardSchema,
  permission: 'routing.manage',
  run: async ({ db, actor }, input) => {
    const r = await assignBoard(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    revalidatePath('/routing');
    return { version: r.version, status: r.status as string };
  },
});

export const routeAgainAction = defineAction({
  schema: routeAgainSchema,
  permission: 'routing.manage',
  run: async ({ db, actor }, input) => {
    const r = await routeAgain(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    revalidatePath('/routing');
    return { version: r.version, status: r.status as string, routing: r.result.ok ? r.result.explanation : r.result.reason };
  },
});
