/**
 * Screening (nexus to violence): the office's written diversion policy as versioned data, the
 * facts a referral brings for it, and every decision taken on a case.
 *
 * - screening_policies: one row per version per jurisdiction; coordinators add a version, nothing
 *   is edited in place, so a decision always points at the exact policy it applied.
 * - referral_facts: what the referral says about weapon, violence, quantity, protection order and
 *   record; written once at intake (form, CSV or API), read by the engine.
 * - screening_decisions: append-only. An `engine` row is written at intake; a prosecutor's
 *   `override` (either way, or the decision on a case that needs review) adds a row with the
 *   written reason. The newest row is the case's current decision.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { Criterion, CriterionResult } from '@/lib/domain/eligibility';
import { cases } from './cases';
import { jurisdictions } from './jurisdictions';
import { roleEnum, users } from './users';

export const triStateEnum = pgEnum('tri_state', ['yes', 'no', 'unknown']);
export const screeningDecisionEnum = pgEnum('screening_decision', ['eligible', 'ineligible', 'needs_review']);
export const screeningSourceEnum = pgEnum('screening_source', ['engine', 'override']);
export const referralChannelEnum = pgEnum('referral_channel', ['form', 'csv', 'api']);

export const screeningPolicies = pgTable(
  'screening_policies',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    version: integer().notNull(),
    criteria: jsonb().$type<Criterion[]>().notNull(),
    /** False for offices that divert nothing: referrals are screened and returned. */
    divertsCases: boolean().notNull(),
    /** Why this version was made (shown in the version history). */
    note: text().notNull().default(''),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('screening_policies_jurisdiction_version_key').on(t.jurisdictionId, t.version), check('screening_policies_version_positive', sql`${t.version} > 0`)],
);

export const referralFacts = pgTable('referral_facts', {
  caseId: uuid()
    .primaryKey()
    .references(() => cases.id),
  channel: referralChannelEnum().notNull(),
  weaponInvolved: triStateEnum().notNull().default('unknown'),
  violenceInvolved: triStateEnum().notNull().default('unknown'),
  drugQuantityGrams: doublePrecision(),
  activeProtectionOrder: triStateEnum().notNull().default('unknown'),
  criminalHistoryChecked: boolean().notNull().default(false),
  lastViolentOffenseDate: date(),
  lastFailedDiversionDate: date(),
});

export const screeningDecisions = pgTable(
  'screening_decisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    policyId: uuid()
      .notNull()
      .references(() => screeningPolicies.id),
    policyVersion: integer().notNull(),
    source: screeningSourceEnum().notNull(),
    decision: screeningDecisionEnum().notNull(),
    results: jsonb().$type<CriterionResult[]>().notNull(),
    /** Engine: the one-sentence why. Override: the prosecutor's written reason. */
    reason: text().notNull(),
    actorUserId: uuid().references(() => users.id),
    actorRole: roleEnum(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('screening_decisions_case_idx').on(t.caseId, t.createdAt),
    index('screening_decisions_overrides_idx').on(t.jurisdictionId, t.createdAt).where(sql`${t.source} = 'override'`),
    // An override without a real written reason is not an override.
    check('screening_decisions_override_reason', sql`${t.source} <> 'override' or length(btrim(${t.reason})) >= 10`),
    check('screening_decisions_override_decides', sql`${t.source} <> 'override' or ${t.decision} <> 'needs_review'`),
  ],
);

export type ScreeningPolicy = typeof screeningPolicies.$inferSelect;
export type ReferralFacts = typeof referralFacts.$inferSelect;
export type ScreeningDecisionRow = typeof screeningDecisions.$inferSelect;
