/**
 * Append-only audit log: who did what, when (UTC), from where, with what outcome. Written in the
 * same transaction as the change it records (or alone, for reads, sign-ins and denials).
 * The database refuses UPDATE and DELETE on it (trigger in a custom migration).
 */
import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiTokens } from './api-tokens';
import { jurisdictions } from './jurisdictions';
import { roleEnum, users } from './users';

export const auditOutcomeEnum = pgEnum('audit_outcome', ['success', 'failure', 'denied']);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid().references(() => users.id),
    actorRole: roleEnum(),
    /** Set when the actor is an integration-API token rather than a signed-in person. */
    actorApiTokenId: uuid().references(() => apiTokens.id),
    jurisdictionId: uuid().references(() => jurisdictions.id),
    action: text().notNull(),
    entityType: text(),
    entityId: text(),
    outcome: auditOutcomeEnum().notNull().default('success'),
    ip: text(),
    details: jsonb().notNull().default({}),
  },
  (t) => [
    index('audit_log_jurisdiction_time_idx').on(t.jurisdictionId, t.occurredAt),
    index('audit_log_actor_time_idx').on(t.actorUserId, t.occurredAt),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
