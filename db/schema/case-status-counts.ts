/**
 * case_status_counts: how many cases each jurisdiction has in each status, for the case list's filter
 * bar (which otherwise ran a GROUP BY over the jurisdiction's cases on every page view).
 *
 * Lifecycle: maintained by statement-level triggers on `cases` (migration 0010's custom SQL) in the
 * SAME transaction as any insert, status change or delete, so it is never stale and no code path can
 * forget it. Derived data: it can always be rebuilt with
 * `select jurisdiction_id, status, count(*) from cases group by 1, 2`.
 */
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { caseStatusEnum } from './cases';
import { jurisdictions } from './jurisdictions';

export const caseStatusCounts = pgTable(
  'case_status_counts',
  {
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    status: caseStatusEnum().notNull(),
    n: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.status] }), check('case_status_counts_n_nonnegative', sql`${t.n} >= 0`)],
);
