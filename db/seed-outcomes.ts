import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { rebuildCaseFacts } from './queries/case-facts';
import { cases, participants, users } from './schema';
import type { Db } from './types';

export const DEMO_PARTICIPANT4 = { email: 'participant4@demo.test', firstName: 'Sam', lastName: 'Ortega' };

/**
 * Outcomes demo data: the demo cases are written straight to the tables (not through the
 * lifecycle), so their dashboard rows (case_facts) are built once here, at the end of the seed.
 * A third participant account (Sam Ortega, Spanish) is given the LAST in-progress Jackson case
 * without an account, so a demo (and tests/e2e/outcomes.spec.ts) can complete a case and download
 * the participant's certificate without touching the two fixture participants. Uses no random
 * numbers, so the rest of the demo stays as it was.
 */
export async function seedOutcomes(tx: Db, ctx: { jurisdictionIds: string[]; jacksonId: string; passwordHash: string }) {
  const [pick] = await tx
    .select({ participantId: cases.participantId })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(eq(cases.jurisdictionId, ctx.jacksonId), eq(cases.status, 'in_progress'), isNull(participants.userId)))
    .orderBy(asc(cases.referredAt), asc(cases.id))
    .offset(5)
    .limit(1);
  if (pick) {
    const [u] = await tx
      .insert(users)
      .values({ jurisdictionId: ctx.jacksonId, email: DEMO_PARTICIPANT4.email, name: `${DEMO_PARTICIPANT4.firstName} ${DEMO_PARTICIPANT4.lastName}`, role: 'participant', locale: 'es', passwordHash: ctx.passwordHash })
      .returning();
    await tx.update(participants).set({ userId: u.id, firstName: DEMO_PARTICIPANT4.firstName, lastName: DEMO_PARTICIPANT4.lastName, preferredLanguage: 'es', email: DEMO_PARTICIPANT4.email }).where(eq(participants.id, pick.participantId));
  }
  for (const id of ctx.jurisdictionIds) await rebuildCaseFacts(tx, id);
}
