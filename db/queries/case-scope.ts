import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { boardMemberships, caseAssignments, cases, participants } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

/**
 * The WHERE condition that limits `cases` to what the actor may see. Every case query includes it,
 * so a case out of scope is simply not found.
 * - coordinator, prosecutor: their jurisdiction (the office is the jurisdiction)
 * - volunteer: cases currently assigned to a board they actively serve on
 * - participant: only their own cases
 * - provider, admin: no cases (providers see treatment referrals, with consent)
 */
export function caseScope(actor: Actor): SQL {
  const inJurisdiction = eq(cases.jurisdictionId, actor.jurisdictionId);
  switch (actor.role) {
    case 'coordinator':
    case 'prosecutor':
      return inJurisdiction;
    case 'volunteer':
      return and(
        inJurisdiction,
        sql`exists (select 1 from ${caseAssignments} a join ${boardMemberships} m on m.board_id = a.board_id
          where a.case_id = ${cases.id} and a.ended_at is null and m.user_id = ${actor.userId} and m.active)`,
      )!;
    case 'participant':
      return and(
        inJurisdiction,
        sql`exists (select 1 from ${participants} p where p.id = ${cases.participantId} and p.user_id = ${actor.userId})`,
      )!;
    default:
      return sql`false`;
  }
}
