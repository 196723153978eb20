import 'server-only';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseCharges, cases, participants, referralFacts, screeningDecisions, screeningPolicies, type ReferralFacts, type ScreeningPolicy } from '@/db/schema';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import { criterionKinds, evaluateEligibility, POLICY_DIVERTS_NOTHING, type Criterion, type HistoryFact, type ScreeningOutcome } from '@/lib/domain/eligibility';
import type { CaseStatus } from '@/lib/domain/case-lifecycle';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, sqlState } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { moveCase } from './case-moves';
import { caseScope } from './case-scope';

/** The jurisdiction's newest policy version, or null when none was written yet. */
export async function getCurrentPolicy(db: Db, jurisdictionId: string): Promise<ScreeningPolicy | null> {
  const [p] = await db.select().from(screeningPolicies).where(eq(screeningPolicies.jurisdictionId, jurisdictionId)).orderBy(desc(screeningPolicies.version)).limit(1);
  return p ?? null;
}

/**
 * Gather what the engine needs about one case: the referral's facts, its charges (with the
 * charge table's flags, copied onto case_charges at intake) and the person's earlier cases in this
 * jurisdiction — a violent charge or a failed diversion there counts as history even when the
 * office did not report it.
 */
type FactsRow = Pick<ReferralFacts, 'weaponInvolved' | 'violenceInvolved' | 'drugQuantityGrams' | 'activeProtectionOrder' | 'criminalHistoryChecked' | 'lastViolentOffenseDate' | 'lastFailedDiversionDate'>;
type ChargeRow = { code: string; description: string; violent: boolean; weapon: boolean };

async function loadScreeningFacts(
  db: Db,
  c: { id: string; participantId: string; incidentDate: string },
  facts: FactsRow | null,
  known: { charges?: ChargeRow[]; newParticipant?: boolean } = {},
) {
  const [charges, prior] = await Promise.all([
    known.charges ?? db.select({ code: caseCharges.code, description: caseCharges.description, violent: caseCharges.violent, weapon: caseCharges.weapon }).from(caseCharges).where(eq(caseCharges.caseId, c.id)),
    // A person new to the program has no earlier cases to look at.
    known.newParticipant
      ? []
      : db
          .select({
            id: cases.id,
            externalCaseNumber: cases.externalCaseNumber,
            incidentDate: cases.incidentDate,
            status: cases.status,
            returnReason: cases.returnReason,
            closedAt: cases.closedAt,
            violentCharge: sql<string | null>`(select min(cc.code) from ${caseCharges} cc where cc.case_id = "cases"."id" and (cc.violent or cc.weapon))`,
          })
          .from(cases)
          .where(and(eq(cases.participantId, c.participantId), ne(cases.id, c.id))),
  ]);
  const violentHistory: HistoryFact[] = [];
  const failedDiversions: HistoryFact[] = [];
  if (facts?.lastViolentOffenseDate) violentHistory.push({ date: facts.lastViolentOffenseDate, description: 'reported by the office', source: 'referral' });
  if (facts?.lastFailedDiversionDate) failedDiversions.push({ date: facts.lastFailedDiversionDate, description: 'reported by the office', source: 'referral' });
  for (const p of prior) {
    if (p.violentCharge && p.incidentDate <= c.incidentDate) violentHistory.push({ date: p.incidentDate, description: `case ${p.externalCaseNumber}, RSMo ${p.violentCharge}`, source: 'prior_case' });
    if (p.status === 'returned' && p.returnReason === 'unsuccessful' && p.closedAt) {
      failedDiversions.push({ date: p.closedAt.toISOString().slice(0, 10), description: `case ${p.externalCaseNumber} returned as unsuccessful`, source: 'prior_case' });
    }
  }
  return {
    incidentDate: c.incidentDate,
    charges,
    weaponInvolved: facts?.weaponInvolved ?? 'unknown',
    violenceInvolved: facts?.violenceInvolved ?? 'unknown',
    drugQuantityGrams: facts?.drugQuantityGrams ?? null,
    activeProtectionOrder: facts?.activeProtectionOrder ?? 'unknown',
    criminalHistoryChecked: facts?.criminalHistoryChecked ?? false,
    violentHistory,
    failedDiversions,
  } as const;
}

export type ScreeningSummary = { decision: ScreeningOutcome['decision']; policyVersion: number; reason: string; criteria: { kind: string; result: string; evidence: string }[] };

/**
 * Screen a freshly referred case inside the intake transaction and move it on:
 * eligible → offered (the offer opens), needs_review → waits for a prosecutor, ineligible → waits
 * for the prosecutor's override or return; an office that diverts nothing returns it at once.
 * With no policy written yet, the case stays `referred` for a person to decide.
 */
export async function screenReferredCase(
  tx: Db,
  actor: Actor | null,
  c: { id: string; jurisdictionId: string; participantId: string; incidentDate: string; version: number },
  policy: ScreeningPolicy | null,
  known: { facts?: FactsRow; charges?: ChargeRow[]; newParticipant?: boolean; offerDeadlineDays?: number } = {},
): Promise<{ status: CaseStatus; version: number; screening: ScreeningSummary | null }> {
  if (!policy) return { status: 'referred', version: c.version, screening: null };
  const facts = known.facts ?? (await tx.select().from(referralFacts).where(eq(referralFacts.caseId, c.id)))[0] ?? null;
  const input = await loadScreeningFacts(tx, c, facts, known);
  const outcome = evaluateEligibility({ version: policy.version, divertsCases: policy.divertsCases, criteria: policy.criteria }, input);
  await tx.insert(screeningDecisions).values({
    caseId: c.id,
    jurisdictionId: c.jurisdictionId,
    policyId: policy.id,
    policyVersion: policy.version,
    source: 'engine',
    decision: outcome.decision,
    results: outcome.results,
    reason: outcome.reason,
    actorUserId: actorUserId(actor),
    actorRole: actor?.role ?? null,
  });
  const target = { caseId: c.id, jurisdictionId: c.jurisdictionId };
  await recordCaseEvent(tx, actor, target, { type: 'screened', source: 'engine', decision: outcome.decision, policyVersion: policy.version, reason: outcome.reason });
  let moved = await moveCase(tx, actor, { ...target, from: 'referred', to: outcome.decision, version: c.version });
  if (outcome.decision === 'eligible') {
    moved = await moveCase(tx, actor, { ...target, from: 'eligible', to: 'offered', version: moved.version, offerDeadlineDays: known.offerDeadlineDays });
  } else if (outcome.decision === 'ineligible' && !policy.divertsCases) {
    moved = await moveCase(tx, actor, { ...target, from: 'ineligible', to: 'returned', reason: 'ineligible', note: POLICY_DIVERTS_NOTHING, version: moved.version });
  }
  return { status: moved.status, version: moved.version, screening: summarize(outcome) };
}

export const summarize = (o: { decision: ScreeningOutcome['decision']; policyVersion: number; reason: string; results: { kind: string; result: string; evidence: string }[] }): ScreeningSummary => ({
  decision: o.decision,
  policyVersion: o.policyVersion,
  reason: o.reason,
  criteria: o.results.map((r) => ({ kind: r.kind, result: r.result, evidence: r.evidence })),
});

/**
 * The newest screening decision of a case: for a case id, or (given the outer `cases.id`) as a
 * lateral subquery, so a reader that also needs the case reads both in one statement.
 */
export function latestDecisionOf(db: Db, caseId: string | typeof cases.id) {
  return db
    .select({ decision: screeningDecisions.decision, policyVersion: screeningDecisions.policyVersion, reason: screeningDecisions.reason, results: screeningDecisions.results })
    .from(screeningDecisions)
    .where(eq(screeningDecisions.caseId, caseId))
    .orderBy(desc(screeningDecisions.createdAt), desc(screeningDecisions.id))
    .limit(1);
}

/** The case's screening: current decision, every earlier one (engine and overrides), the facts. */
export async function getScreening(db: Db, actor: Actor, caseId: string) {
  if (!z.uuid().safeParse(caseId).success) throw new NotFoundError('That case');
  const [c] = await db.select({ id: cases.id, status: cases.status, version: cases.version }).from(cases).where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!c) throw new NotFoundError('That case');
  const [decisions, facts] = await Promise.all([
    db.select().from(screeningDecisions).where(eq(screeningDecisions.caseId, caseId)).orderBy(desc(screeningDecisions.createdAt), desc(screeningDecisions.id)),
    db.select().from(referralFacts).where(eq(referralFacts.caseId, caseId)),
  ]);
  return { caseStatus: c.status, caseVersion: c.version, current: decisions[0] ?? null, history: decisions, facts: facts[0] ?? null };
}

/** Screening summary for API readers. */
export async function currentScreeningSummary(db: Db, caseId: string): Promise<ScreeningSummary | null> {
  const [d] = await latestDecisionOf(db, caseId);
  return d ? summarize({ decision: d.decision, policyVersion: d.policyVersion, reason: d.reason, results: d.results }) : null;
}

export const overrideScreeningSchema = z.object({
  caseId: z.uuid(),
  decision: z.enum(['eligible', 'ineligible'], { error: 'Choose eligible or not eligible.' }),
  reason: z.string().trim().min(10, { error: 'Write the reason (at least 10 characters); it is kept with the decision and reported.' }).max(2000),
  version: z.coerce.number().int().positive(),
});

/**
 * A prosecutor decides a case that needs review, or overrides the engine either way. The written
 * reason is stored with a new decision row (same policy version), audited, and reported. Deciding
 * eligible offers the case to the participant at once, as at intake.
 */
export async function overrideScreening(db: Db, actor: Actor, input: z.input<typeof overrideScreeningSchema>) {
  if (!can(actor.role, 'screening.override')) throw new ForbiddenError();
  const { caseId, decision, reason, version } = overrideScreeningSchema.parse(input);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({ status: cases.status, version: cases.version, jurisdictionId: cases.jurisdictionId })
      .from(cases)
      .where(and(eq(cases.id, caseId), caseScope(actor)))
      .for('update');
    if (!c) throw new NotFoundError('That case');
    if (c.version !== version) throw new ConflictError();
    const allowed: Partial<Record<CaseStatus, readonly string[]>> = { referred: ['eligible', 'ineligible'], needs_review: ['eligible', 'ineligible'], ineligible: ['eligible'], eligible: ['ineligible'] };
    if (!allowed[c.status]?.includes(decision)) {
      const msg = `A case that is ${c.status.replaceAll('_', ' ')} cannot be screened ${decision === 'eligible' ? 'eligible' : 'not eligible'} now.`;
      throw new RuleError(msg, { decision: [msg] });
    }
    const [last] = await tx.select().from(screeningDecisions).where(eq(screeningDecisions.caseId, caseId)).orderBy(desc(screeningDecisions.createdAt), desc(screeningDecisions.id)).limit(1);
    const policy = last ? (await tx.select().from(screeningPolicies).where(eq(screeningPolicies.id, last.policyId)))[0] : await getCurrentPolicy(tx, c.jurisdictionId);
    if (!policy) throw new RuleError('This jurisdiction has no screening policy yet. A coordinator must write one first.');
    if (!policy.divertsCases && decision === 'eligible') throw new RuleError(POLICY_DIVERTS_NOTHING, { decision: [POLICY_DIVERTS_NOTHING] });
    await tx.insert(screeningDecisions).values({
      caseId,
      jurisdictionId: c.jurisdictionId,
      policyId: policy.id,
      policyVersion: policy.version,
      source: 'override',
      decision,
      results: last?.results ?? [],
      reason,
      actorUserId: actorUserId(actor),
      actorRole: actor.role,
    });
    const target = { caseId, jurisdictionId: c.jurisdictionId };
    await recordCaseEvent(tx, actor, target, { type: 'screened', source: 'override', decision, policyVersion: policy.version, reason });
    await writeAudit(tx, actor, { action: 'screening.override', entityType: 'case', entityId: caseId, details: { from: last?.decision ?? null, to: decision, reason, policyVersion: policy.version } });
    let moved = await moveCase(tx, actor, { ...target, from: c.status, to: decision, note: reason, version: c.version });
    if (moved.status === 'eligible') moved = await moveCase(tx, actor, { ...target, from: 'eligible', to: 'offered', version: moved.version });
    return moved;
  });
}

/** Return an ineligible case to the prosecutor's file (closes it). */
export async function returnIneligibleCase(db: Db, actor: Actor, input: { caseId: string; version: number; note?: string | null }) {
  if (!can(actor.role, 'screening.override')) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ status: cases.status, version: cases.version, jurisdictionId: cases.jurisdictionId }).from(cases).where(and(eq(cases.id, input.caseId), caseScope(actor))).for('update');
    if (!c) throw new NotFoundError('That case');
    if (c.version !== input.version) throw new ConflictError();
    return moveCase(tx, actor, { caseId: input.caseId, jurisdictionId: c.jurisdictionId, from: c.status, to: 'returned', reason: 'ineligible', note: input.note ?? null, version: c.version });
  });
}

/** Cases waiting for a prosecutor: unknown facts (needs review), not screened, or screened out and not yet returned. */
export async function listScreeningQueue(db: Db, actor: Actor) {
  if (!can(actor.role, 'screening.review')) throw new ForbiddenError();
  return db
    .select({
      id: cases.id,
      externalCaseNumber: cases.externalCaseNumber,
      status: cases.status,
      referredAt: cases.referredAt,
      version: cases.version,
      firstName: participants.firstName,
      lastName: participants.lastName,
      reason: sql<string | null>`(select d.reason from ${screeningDecisions} d where d.case_id = "cases"."id" order by d.created_at desc, d.id desc limit 1)`,
    })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(and(caseScope(actor), inArray(cases.status, ['referred', 'needs_review', 'ineligible'])))
    .orderBy(sql`case ${cases.status} when 'needs_review' then 0 when 'referred' then 1 else 2 end`, cases.referredAt)
    .limit(200);
}

/** Overrides and review decisions, newest first: the report the office asked for. */
export async function listOverrides(db: Db, actor: Actor, limit = 50) {
  if (!can(actor.role, 'screening.review')) throw new ForbiddenError();
  return db
    .select({
      id: screeningDecisions.id,
      caseId: screeningDecisions.caseId,
      externalCaseNumber: cases.externalCaseNumber,
      decision: screeningDecisions.decision,
      reason: screeningDecisions.reason,
      policyVersion: screeningDecisions.policyVersion,
      createdAt: screeningDecisions.createdAt,
      actorUserId: screeningDecisions.actorUserId,
    })
    .from(screeningDecisions)
    .innerJoin(cases, eq(cases.id, screeningDecisions.caseId))
    .where(and(eq(screeningDecisions.source, 'override'), caseScope(actor)))
    .orderBy(desc(screeningDecisions.createdAt))
    .limit(limit);
}

/* ----------------------------------------------------------------------------------------------
 * Policy versions (coordinators)
 * -------------------------------------------------------------------------------------------- */

export async function listPolicyVersions(db: Db, actor: Actor) {
  if (!can(actor.role, 'screening.review') && !can(actor.role, 'policy.manage')) throw new ForbiddenError();
  return db.select().from(screeningPolicies).where(eq(screeningPolicies.jurisdictionId, actor.jurisdictionId)).orderBy(desc(screeningPolicies.version));
}

const years = z.coerce.number({ error: 'Enter a number of years.' }).int({ error: 'Use whole years.' }).min(1, { error: 'At least 1 year.' }).max(25, { error: 'At most 25 years.' });
export const criterionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weapon_involved'), enabled: z.boolean() }),
  z.object({ kind: z.literal('violence_in_incident'), enabled: z.boolean() }),
  z.object({ kind: z.literal('violent_history_within_years'), enabled: z.boolean(), years }),
  z.object({ kind: z.literal('distribution_quantity'), enabled: z.boolean(), maxGrams: z.coerce.number({ error: 'Enter grams as a number.' }).min(0, { error: 'Cannot be negative.' }).max(100_000) }),
  z.object({ kind: z.literal('active_protection_order'), enabled: z.boolean() }),
  z.object({ kind: z.literal('failed_diversion_within_years'), enabled: z.boolean(), years }),
]);

export const policyVersionSchema = z.object({
  divertsCases: z.boolean(),
  criteria: z
    .array(criterionSchema)
    .refine((cs) => criterionKinds.every((k) => cs.filter((c) => c.kind === k).length === 1), { error: 'Each criterion must appear exactly once.' }),
  note: z.string().trim().min(3, { error: 'Say what changed and why (it is kept in the version history).' }).max(1000),
  /** The version the editor started from; another coordinator's newer version is a conflict. */
  basedOnVersion: z.coerce.number().int().min(0),
});

/** Write a new policy version. Earlier decisions keep pointing at the version they applied. */
export async function createPolicyVersion(db: Db, actor: Actor, input: z.input<typeof policyVersionSchema>) {
  if (!can(actor.role, 'policy.manage')) throw new ForbiddenError();
  const p = policyVersionSchema.parse(input);
  const stale = 'Someone saved a newer version of the policy while you were editing. Reload to see it, then make your change again.';
  return db
    .transaction(async (tx) => {
    const current = await getCurrentPolicy(tx, actor.jurisdictionId);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== p.basedOnVersion) throw new ConflictError(stale);
    const ordered = criterionKinds.map((k) => p.criteria.find((c) => c.kind === k)!) as Criterion[];
    const [row] = await tx
      .insert(screeningPolicies)
      .values({ jurisdictionId: actor.jurisdictionId, version: currentVersion + 1, criteria: ordered, divertsCases: p.divertsCases, note: p.note, createdByUserId: actorUserId(actor) })
      .returning();
    await writeAudit(tx, actor, { action: 'policy.version_created', entityType: 'screening_policy', entityId: row.id, details: { version: row.version, divertsCases: row.divertsCases, note: row.note } });
    return row;
    })
    .catch((err) => {
      // Two editors saving the same next version at once: the unique key lets one win.
      if (sqlState(err) === '23505') throw new ConflictError(stale);
      throw err;
    });
}

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true');

/** The coordinator's policy form: one flat field per setting, named like the inputs. */
export const policyFormSchema = z.object({
  divertsCases: checkbox,
  note: policyVersionSchema.shape.note,
  basedOnVersion: z.coerce.number().int().min(0),
  'weapon_involved.enabled': checkbox,
  'violence_in_incident.enabled': checkbox,
  'violent_history_within_years.enabled': checkbox,
  'violent_history_within_years.years': years,
  'distribution_quantity.enabled': checkbox,
  'distribution_quantity.maxGrams': z.coerce.number({ error: 'Enter grams as a number.' }).min(0, { error: 'Cannot be negative.' }).max(100_000),
  'active_protection_order.enabled': checkbox,
  'failed_diversion_within_years.enabled': checkbox,
  'failed_diversion_within_years.years': years,
});

export function policyFormToInput(f: z.output<typeof policyFormSchema>): z.input<typeof policyVersionSchema> {
  return {
    divertsCases: f.divertsCases,
    note: f.note,
    basedOnVersion: f.basedOnVersion,
    criteria: [
      { kind: 'weapon_involved', enabled: f['weapon_involved.enabled'] },
      { kind: 'violence_in_incident', enabled: f['violence_in_incident.enabled'] },
      { kind: 'violent_history_within_years', enabled: f['violent_history_within_years.enabled'], years: f['violent_history_within_years.years'] },
      { kind: 'distribution_quantity', enabled: f['distribution_quantity.enabled'], maxGrams: f['distribution_quantity.maxGrams'] },
      { kind: 'active_protection_order', enabled: f['active_protection_order.enabled'] },
      { kind: 'failed_diversion_within_years', enabled: f['failed_diversion_within_years.enabled'], years: f['failed_diversion_within_years.years'] },
    ],
  };
}
