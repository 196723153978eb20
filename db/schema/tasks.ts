/**
 * Follow-up work on a case that a person must do by a date: reach out after a no-show, decide
 * what happens after a second one, and (later) other kinds. Opened by the data layer in the same
 * transaction as the event that calls for it; a coordinator closes it (done) or it is cancelled
 * when the case moves on. `version` guards concurrent edits.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { jurisdictions } from './jurisdictions';
import { users } from './users';

export const caseTaskKindEnum = pgEnum('case_task_kind', ['no_show_outreach', 'no_show_decide', 'other']);
export const caseTaskStatusEnum = pgEnum('case_task_status', ['open', 'done', 'cancelled']);

export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    kind: caseTaskKindEnum().notNull(),
    title: text().notNull(),
    /** Kind-specific facts, e.g. { hearingId, reschedulesLeft } for a no-show outreach. */
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    status: caseTaskStatusEnum().notNull().default('open'),
    assignedToUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('case_tasks_open_idx').on(t.jurisdictionId, t.status, t.dueAt),
    index('case_tasks_case_idx').on(t.caseId),
    check('case_tasks_done_has_time', sql`(${t.status} = 'open') = (${t.completedAt} is null)`),
  ],
);

export type CaseTask = typeof caseTasks.$inferSelect;
