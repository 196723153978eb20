import 'server-only';
import { and, asc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { caseOffers, cases } from '@/db/schema';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { moveCase } from './case-moves';
import { caseScope } from './case-scope';
import { routeAcceptedCase } from './routing';

/** The case's open offer, if the actor may see the case. */
export async function getOpenOffer(db: Db, actor: Actor, caseId: string) {
  if (!z.uuid().safeParse(caseId).success) return null;
  const [row] = await db
    .select({ id: caseOffers.id, offeredAt: caseOffers.offeredAt, deadlineAt: caseOffers.deadlineAt, caseVersion: cases.version })
    .from(caseOffers)
    .innerJoin(cases, eq(cases.id, caseOffers.caseId))
    .where(and(eq(caseOffers.caseId, caseId), eq(caseOffers.status, 'open'), caseScope(actor)));
  return row ?? null;
}

export const respondToOfferSchema = z.object({
  caseId: z.uuid(),
  answer: z.enum(['accept', 'decline'], { error: 'Choose accept or decline.' }),
  note: z.string().trim().max(1000).optional(),
  version: z.coerce.number().int().positive().optional(),
});

/**
 * Record the participant's answer: by the participant on the portal, or by the coordinator on
 * their behalf (a phone call, a visit). Accepting routes the case to a board in the same
 * transaction; declining returns it to the prosecutor. After the deadline the offer can no longer
 * be answered here (the case is returned for no response).
 */
export async function respondToOffer(db: Db, actor: Actor, input: z.input<typeof respondToOfferSchema>, now = new Date()) {
  if (!can(actor.role, 'offer.respond')) throw new ForbiddenError();
  const { caseId, answer, note, version } = respondToOfferSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ status: cases.status, version: cases.version, jurisdictionId: cases.jurisdictionId }).from(cases).where(and(eq(cases.id, caseId), caseScope(actor))).for('update');
    if (!c) throw new NotFoundError('That case');
    if (version !== undefined && c.version !== version) throw new ConflictError();
    const [offer] = await tx.select().from(caseOffers).where(and(eq(caseOffers.caseId, caseId), eq(caseOffers.status, 'open')));
    if (c.status !== 'offered' || !offer) throw new RuleError('There is no open offer on this case: it was already answered, or it expired.', {}, 'noOpenOffer');
    if (offer.deadlineAt <= now) throw new RuleError('The deadline to answer this offer has passed. Call the program if you still want to join.', {}, 'offerExpired');
    const onBehalf = actor.role !== 'participant';
    await tx
      .update(caseOffers)
      .set({ status: answer === 'accept' ? 'accepted' : 'declined', respondedAt: now, respondedByUserId: actorUserId(actor), respondedByRole: actor.role, note: note ?? null })
      .where(eq(caseOffers.id, offer.id));
    const target = { caseId, jurisdictionId: c.jurisdictionId };
    await recordCaseEvent(tx, actor, target, { type: 'offer_answered', answer: answer === 'accept' ? 'accepted' : 'declined', onBehalf, note: note ?? null }, now);
    await writeAudit(tx, actor, { action: answer === 'accept' ? 'offer.accept' : 'offer.decline', entityType: 'case', entityId: caseId, details: { onBehalf } });
    if (answer === 'decline') {
      const moved = await moveCase(tx, actor, { ...target, from: 'offered', to: 'returned', reason: 'declined', note: note ?? null, version: c.version, now });
      return { ...moved, routing: null };
    }
    const accepted = await moveCase(tx, actor, { ...target, from: 'offered', to: 'accepted', note: note ?? null, version: c.version, now });
    const routed = await routeAcceptedCase(tx, actor, { id: caseId, jurisdictionId: c.jurisdictionId, version: accepted.version }, now);
    return { version: routed.version, status: routed.status, routing: routed.result };
  });
}

/**
 * Return every offer whose deadline passed without an answer to the prosecutor, reason
 * no_response. Safe to run from several workers at once: each offer is claimed with
 * FOR UPDATE SKIP LOCKED and handled in its own transaction. Returns the case ids it returned.
 */
export async function expireOverdueOffers(db: Db, now: Date = new Date(), limit = 500): Promise<string[]> {
  const done: string[] = [];
  for (let i = 0; i < limit; i++) {
    const claimed = await db.transaction(async (tx) => {
      const [offer] = await tx
        .select({ id: caseOffers.id, caseId: caseOffers.caseId, jurisdictionId: caseOffers.jurisdictionId })
        .from(caseOffers)
        .where(and(eq(caseOffers.status, 'open'), lt(caseOffers.deadlineAt, now)))
        .orderBy(asc(caseOffers.deadlineAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!offer) return null;
      const [c] = await tx.select({ status: cases.status, version: cases.version }).from(cases).where(eq(cases.id, offer.caseId)).for('update');
      if (c?.status === 'offered') {
        await moveCase(tx, null, { caseId: offer.caseId, jurisdictionId: offer.jurisdictionId, from: 'offered', to: 'returned', reason: 'no_response', note: 'No answer by the offer deadline.', version: c.version, now });
        await recordCaseEvent(tx, null, { caseId: offer.caseId, jurisdictionId: offer.jurisdictionId }, { type: 'offer_answered', answer: 'expired', onBehalf: false }, now);
        return { caseId: offer.caseId, returned: true };
      }
      // The case moved on another way; the offer simply closes.
      await tx.update(caseOffers).set({ status: 'withdrawn', respondedAt: now }).where(eq(caseOffers.id, offer.id));
      return { caseId: offer.caseId, returned: false };
    });
    if (!claimed) break;
    if (claimed.returned) done.push(claimed.caseId);
  }
  return done;
}
