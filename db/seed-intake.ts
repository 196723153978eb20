import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { apiTokens, caseCharges, caseOffers, cases, participants, referralFacts, screeningDecisions, screeningPolicies, users, type Jurisdiction, type User } from './schema';
import { hashApiToken } from './queries/api-tokens';
import { defaultCriteria, evaluateEligibility, type ScreeningFacts, type TriState } from '@/lib/domain/eligibility';
import type { Db } from './types';

/** Demo only (README): lets anyone try the integration API with curl at once. */
export const DEMO_API_TOKEN = 'cg_demo_jackson_county_token';

const DAY = 86_400_000;

/**
 * Intake demo data: screening policy v1 for each jurisdiction (Jackson diverts; Platte and Clay
 * divert nothing), the Jackson API token, and for the seeded cases the referral facts, screening
 * decisions and offers their statuses imply, so every screen has something true to show.
 */
export async function seedIntake(tx: Db, ctx: { jackson: Jurisdiction; platte: Jurisdiction; clay: Jurisdiction; admin: User; coordinator: User; now: Date }) {
  const { jackson, platte, clay, admin, coordinator, now } = ctx;
  const policies = await tx
    .insert(screeningPolicies)
    .values([
      { jurisdictionId: jackson.id, version: 1, criteria: defaultCriteria(), divertsCases: true, note: 'Written diversion guidelines: no nexus to violence.', createdByUserId: coordinator.id },
      { jurisdictionId: platte.id, version: 1, criteria: defaultCriteria(), divertsCases: false, note: 'This office prosecutes drug cases; it diverts none.' },
      { jurisdictionId: clay.id, version: 1, criteria: defaultCriteria(), divertsCases: false, note: 'This office prosecutes drug cases; it diverts none.' },
    ])
    .returning();
  const policyOf = new Map(policies.map((p) => [p.jurisdictionId, p]));

  await tx.insert(apiTokens).values({ jurisdictionId: jackson.id, name: 'Demo: prosecutor case-management system', tokenHash: hashApiToken(DEMO_API_TOKEN), prefix: DEMO_API_TOKEN.slice(0, 10), createdByUserId: admin.id, createdAt: now });

  const rows = await tx.select().from(cases).where(inArray(cases.jurisdictionId, [jackson.id, platte.id]));
  const charges = await tx.select().from(caseCharges).where(inArray(caseCharges.caseId, rows.map((r) => r.id)));
  // Copy the weapon flag from the charge table onto the seeded charges.
  for (const code of ['571.030', '571.070']) await tx.update(caseCharges).set({ weapon: true }).where(and(eq(caseCharges.code, code), inArray(caseCharges.caseId, rows.map((r) => r.id))));

  const factRows: (typeof referralFacts.$inferInsert)[] = [];
  const decisionRows: (typeof screeningDecisions.$inferInsert)[] = [];
  const offerRows: (typeof caseOffers.$inferInsert)[] = [];
  rows.forEach((c, i) => {
    if (c.status === 'referred') return; // not screened yet: waits in the prosecutor's queue
    const cs = charges.filter((x) => x.caseId === c.id).map((x) => ({ code: x.code, description: x.description, violent: x.violent, weapon: x.weapon || x.code.startsWith('571.') }));
    const screenedOut = cs.some((x) => x.violent || x.weapon);
    const review = c.status === 'needs_review';
    const weapon: TriState = cs.some((x) => x.weapon) ? 'yes' : review && i % 2 === 0 ? 'unknown' : 'no';
    const facts: ScreeningFacts = {
      incidentDate: c.incidentDate,
      charges: cs,
      weaponInvolved: weapon,
      violenceInvolved: cs.some((x) => x.violent) ? 'yes' : 'no',
      drugQuantityGrams: review && i % 2 === 1 ? null : screenedOut ? 4 : 1 + (i % 5) * 0.5,
      activeProtectionOrder: 'no',
      criminalHistoryChecked: true,
      violentHistory: [],
      failedDiversions: [],
    };
    factRows.push({ caseId: c.id, channel: 'form', weaponInvolved: facts.weaponInvolved, violenceInvolved: facts.violenceInvolved, drugQuantityGrams: facts.drugQuantityGrams, activeProtectionOrder: 'no', criminalHistoryChecked: true });
    const policy = policyOf.get(c.jurisdictionId)!;
    const outcome = evaluateEligibility({ version: 1, divertsCases: policy.divertsCases, criteria: policy.criteria }, facts);
    const at = new Date(c.referredAt.getTime() + 60_000);
    decisionRows.push({ caseId: c.id, jurisdictionId: c.jurisdictionId, policyId: policy.id, policyVersion: 1, source: 'engine', decision: outcome.decision, results: outcome.results, reason: outcome.reason, createdAt: at });
    if (c.status === 'offered') {
      const deadline = Math.max(c.statusChangedAt.getTime() + 10 * DAY, now.getTime() + ((i % 7) + 1) * DAY);
      offerRows.push({ caseId: c.id, jurisdictionId: c.jurisdictionId, offeredAt: c.statusChangedAt, deadlineAt: new Date(deadline) });
    }
  });
  if (factRows.length) await tx.insert(referralFacts).values(factRows);
  if (decisionRows.length) await tx.insert(screeningDecisions).values(decisionRows);
  if (offerRows.length) await tx.insert(caseOffers).values(offerRows);
}

/** The demo participant with an offer to divert still open (before any hearing): accept or decline on the portal. */
export const DEMO_OFFER_PARTICIPANT = 'participant5@demo.test';

/**
 * participant5@demo.test: the first offered case in the jurisdiction (by case number) whose offer is
 * still open gets a portal account, so the offer page (accept / decline) can be shown and checked.
 * Nothing else about the case changes; no other spec answers the offer.
 */
export async function seedOfferParticipant(tx: Db, ctx: { jurisdictionId: string; passwordHash: string; now: Date }) {
  const open = await tx
    .select({ participantId: cases.participantId, deadlineAt: caseOffers.deadlineAt })
    .from(cases)
    .innerJoin(caseOffers, eq(caseOffers.caseId, cases.id))
    .where(and(eq(cases.jurisdictionId, ctx.jurisdictionId), eq(cases.status, 'offered'), eq(caseOffers.status, 'open')))
    .orderBy(asc(cases.externalCaseNumber));
  const pick = open.find((o) => o.deadlineAt > ctx.now);
  if (!pick) return;
  const [p] = await tx.select().from(participants).where(eq(participants.id, pick.participantId));
  if (!p || p.userId) return;
  const [u] = await tx
    .insert(users)
    .values({ jurisdictionId: ctx.jurisdictionId, email: DEMO_OFFER_PARTICIPANT, name: `${p.firstName} ${p.lastName}`, role: 'participant', passwordHash: ctx.passwordHash })
    .returning({ id: users.id });
  await tx.update(participants).set({ userId: u.id, email: DEMO_OFFER_PARTICIPANT }).where(eq(participants.id, p.id));
}
