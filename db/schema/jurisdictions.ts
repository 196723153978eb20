/**
 * A jurisdiction is one prosecutor's office / county (Jackson, Platte, Clay…). Every other record
 * belongs to exactly one, and nothing crosses jurisdictions. Created by the seed or an admin;
 * coordinators edit its program settings. Never deleted.
 */
import type { AgreementRules } from '../../lib/domain/agreement-rules';
import type { SchedulingRules, VolunteerRules } from '../../lib/domain/scheduling-settings';
import { integer, jsonb, pgTable, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core';

/** Program settings that vary by office. Every default in DOMAIN.md lives here, not in code. */
export type JurisdictionSettings = {
  /** Offices such as Platte and Clay divert nothing: referrals are screened but never offered. */
  divertsCases: boolean;
  offerDeadlineDays: number;
  firstHearingTargetDays: number;
  firstHearingAlertDays: number;
  agreementLengthDays: number;
  panelQuorum: number;
  smsQuietHours: { start: string; end: string };
  helpPhone: string;
  programName: string;
  /** Who may sit on a panel (defaults in lib/domain/scheduling-settings.ts). */
  volunteerRules?: Partial<VolunteerRules>;
  /** Hearing length and slot grid (defaults in lib/domain/scheduling-settings.ts). */
  scheduling?: Partial<SchedulingRules>;
  /** Agreement length and guardrail caps per offense level (defaults in lib/domain/agreement-rules.ts). */
  agreementRules?: Partial<AgreementRules>;
};


export const jurisdictions = pgTable('jurisdictions', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  state: text().notNull().default('MO'),
  /** IANA zone; all times are stored UTC and converted at the edges with this. */
  timeZone: text().notNull(),
  settings: jsonb().$type<JurisdictionSettings>().notNull(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});

export type Jurisdiction = typeof jurisdictions.$inferSelect;
