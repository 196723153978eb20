import 'server-only';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { fairnessSurveys, hearings, participants } from '@/db/schema';
import type { Db } from './types';

/**
 * Demo fairness-survey answers: most held hearings have one (deterministic, mostly 4s and 5s with
 * a board that scores lower on "voice"), so the dashboard shows board averages where a board has
 * 11 or more and "fewer than 11" elsewhere. The demo participants' own hearings are left
 * unanswered so the survey is waiting for them in the portal.
 */
export async function seedPortal(tx: Db, ctx: { jurisdictionId: string }) {
  const held = await tx
    .select({ id: hearings.id, boardId: hearings.boardId })
    .from(hearings)
    .innerJoin(participants, eq(participants.id, hearings.participantId))
    .where(and(eq(hearings.jurisdictionId, ctx.jurisdictionId), eq(hearings.status, 'held'), or(isNull(participants.email), sql`${participants.email} not like '%@demo.test'`)))
    .orderBy(hearings.startsAt, hearings.id);
  const boardsSeen = new Map<string, number>();
  const rows = held
    .filter((_, i) => i % 5 !== 4) // about one in five people does not answer
    .map((h, i) => {
      const k = boardsSeen.get(h.boardId) ?? boardsSeen.size;
      boardsSeen.set(h.boardId, k);
      const v = (base: number, j: number) => Math.max(1, Math.min(5, base + (((i * 7 + j * 3) % 5) === 0 ? -1 : 0) - (((i + j) % 11) === 0 ? 1 : 0)));
      return {
        jurisdictionId: ctx.jurisdictionId,
        boardId: h.boardId,
        hearingId: h.id,
        respect: v(5, 1),
        neutrality: v(4 + (k % 2), 2),
        voice: v(k === 1 ? 3 : 4, 3),
        understanding: v(4, 4),
        trust: v(4, 5),
        comment: null,
        locale: i % 6 === 0 ? 'es' : 'en',
      };
    });
  if (rows.length) await tx.insert(fairnessSurveys).values(rows).onConflictDoNothing();
}
