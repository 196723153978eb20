/**
 * Append-only audit log: who did what, when (UTC), from where, with what outcome. Written in the
 * same transaction as the change it records (or alone, for reads, sign-ins and denials).
 * The database refuses UPDATE and DELETE on it (trigger in a custom migration).
 *
 * Hash chain: a BEFORE INSERT trigger (custom migration) takes a transaction advisory lock, gives
 * the row the next `chain_seq`, copies the previous row's hash into `prev_hash` and sets
 * hash = sha256(prev_hash || canonical row text). `npm run audit:verify` recomputes the chain.
 * The three columns are filled by the trigger, never by the app; the migration makes them NOT NULL
 * and `chain_seq` unique after back-filling older rows, so they are nullable here only for drizzle.
 */
import { bigint, bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    chainSeq: bigint({ mode: 'number' }),
    prevHash: text(),
    hash: text(),
  },
  (t) => [
    index('audit_log_jurisdiction_time_idx').on(t.jurisdictionId, t.occurredAt),
    index('audit_log_actor_time_idx').on(t.actorUserId, t.occurredAt),
    index('audit_log_action_idx').on(t.action, t.id),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
