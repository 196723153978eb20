import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { createReferral, findParticipantMatches, ParticipantMatchRequired } from '@/db/queries/referrals';
import { getScreening, overrideScreening, returnIneligibleCase } from '@/db/queries/screening';
import { auditLog, caseEvents, caseOffers, cases, participants, screeningDecisions } from '@/db/schema';
import { ConflictError, ForbiddenError, InvalidInputError, RuleError, sqlState } from '@/lib/errors';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const DAY = 86_400_000;

describe('createReferral: screening at intake', () => {
  it('a possession-only referral in a KC ZIP is eligible and offered at once, deadline 10 days', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const before = Date.now();
    const r = await createReferral(t.db, prosecutor, referralInput(), { channel: 'form' });
    expect(r).toMatchObject({ created: true, status: 'offered', screening: { decision: 'eligible', policyVersion: 1 } });
    expect(r.screening!.criteria.every((c) => c.result === 'not_met')).toBe(true);
    const [offer] = await t.db.select().from(caseOffers).where(eq(caseOffers.caseId, r.caseId));
    expect(offer.status).toBe('open');
    const days = (offer.deadlineAt.getTime() - before) / DAY;
    expect(days).toBeGreaterThan(9.99);
    expect(days).toBeLessThan(10.01);
    const events = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, r.caseId)).orderBy(caseEvents.id);
    expect(events.map((e) => e.type)).toEqual(['referred', 'screened', 'status_changed', 'status_changed']);
    expect(events.slice(2).map((e) => (e.payload as { to: string }).to)).toEqual(['eligible', 'offered']);
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityId, r.caseId)));
    expect(n).toBe(3); // case.refer + two transitions
  });

  it('a referral with a firearm is ineligible, with the reason and the evidence', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput({ charges: ['579.015', '571.070'], facts: { weaponInvolved: 'yes' } }), { channel: 'form' });
    expect(r.status).toBe('ineligible');
    expect(r.screening!.decision).toBe('ineligible');
    expect(r.screening!.reason).toMatch(/firearm or other weapon/);
    expect(r.screening!.criteria.find((c) => c.kind === 'weapon_involved')).toMatchObject({ result: 'met', evidence: expect.stringContaining('571.070') });
    const [offers] = await t.db.select({ n: count() }).from(caseOffers).where(eq(caseOffers.caseId, r.caseId));
    expect(offers.n).toBe(0);
  });

  it('the same referral in a jurisdiction that diverts nothing is screened and returned with the reason', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db, { divertsCases: false });
    const r = await createReferral(t.db, prosecutor, referralInput(), { channel: 'api' });
    expect(r).toMatchObject({ status: 'returned', screening: { decision: 'ineligible', reason: expect.stringMatching(/diverts no cases/) } });
    const [c] = await t.db.select().from(cases).where(eq(cases.id, r.caseId));
    expect(c.returnReason).toBe('ineligible');
    expect(c.closedAt).not.toBeNull();
  });

  it('unknown facts wait for the prosecutor (needs review)', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput({ facts: { drugQuantityGrams: null, weaponInvolved: 'unknown' } }), { channel: 'csv' });
    expect(r.status).toBe('needs_review');
    expect(r.screening!.criteria.filter((c) => c.result === 'unknown').map((c) => c.kind)).toEqual(['weapon_involved', 'distribution_quantity']);
  });

  it('an earlier violent case of the same person counts as history even when the office did not report it', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const first = referralInput({ charges: ['565.056'], incidentDate: '2025-03-01' });
    await createReferral(t.db, prosecutor, first, { channel: 'api' });
    const again = await createReferral(t.db, prosecutor, referralInput({ participant: first.participant, incidentDate: '2026-10-01' }), { channel: 'api' });
    expect(again.participant.linked).toBe(true);
    expect(again.status).toBe('ineligible');
    expect(again.screening!.criteria.find((c) => c.kind === 'violent_history_within_years')).toMatchObject({ result: 'met', evidence: expect.stringContaining(first.externalCaseNumber) });
  });

  it('refuses unknown charge codes and lists them by field; only prosecutors refer', async () => {
    const { prosecutor, coordinator } = await makeIntakeJurisdiction(t.db);
    const err = await createReferral(t.db, prosecutor, referralInput({ charges: ['579.015', '999.999'] }), { channel: 'form' }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.fieldErrors).toEqual({ 'charges.1': ['“999.999” is not in this office’s charge table.'] });
    await expect(createReferral(t.db, coordinator, referralInput(), { channel: 'form' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('the same person referred again', () => {
  it('the form asks for confirmation, then links to the chosen person; nothing is duplicated', async () => {
    const { j, prosecutor } = await makeIntakeJurisdiction(t.db);
    const first = await createReferral(t.db, prosecutor, referralInput({ participant: { firstName: 'Jordan', lastName: 'Rivera-Test', dateOfBirth: '1998-02-03' } }), { channel: 'form' });
    const second = referralInput({ participant: { firstName: 'JORDAN', lastName: 'rivera-test', dateOfBirth: '1998-02-03', zip: '64108' } });
    const err = await createReferral(t.db, prosecutor, second, { channel: 'form' }).catch((e) => e);
    expect(err).toBeInstanceOf(ParticipantMatchRequired);
    expect(err.matches).toEqual([expect.objectContaining({ id: first.participant.id, caseCount: 1 })]);
    const [{ n: stillOne }] = await t.db.select({ n: count() }).from(cases).where(eq(cases.externalCaseNumber, second.externalCaseNumber));
    expect(stillOne).toBe(0);

    const linked = await createReferral(t.db, prosecutor, second, { channel: 'form', participantChoice: first.participant.id });
    expect(linked.participant).toEqual({ id: first.participant.id, linked: true });
    const [p] = await t.db.select().from(participants).where(eq(participants.id, first.participant.id));
    expect(p.zip).toBe('64108'); // newest contact details win
    const matches = await findParticipantMatches(t.db, j.id, { firstName: 'jordan', lastName: 'RIVERA-TEST', dateOfBirth: '1998-02-03' });
    expect(matches).toHaveLength(1);
    expect(matches[0].caseNumbers).toHaveLength(2);
  });

  it('the prosecutor may say it is a different person with the same name and birth date', async () => {
    const { j, prosecutor } = await makeIntakeJurisdiction(t.db);
    const who = { firstName: 'Sam', lastName: 'Twin', dateOfBirth: '1990-01-01' };
    await createReferral(t.db, prosecutor, referralInput({ participant: who }), { channel: 'form' });
    const r = await createReferral(t.db, prosecutor, referralInput({ participant: who }), { channel: 'form', participantChoice: 'new' });
    expect(r.participant.linked).toBe(false);
    expect(await findParticipantMatches(t.db, j.id, who)).toHaveLength(2);
  });

  it('API and CSV link automatically on an exact match and say so', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const a = await createReferral(t.db, prosecutor, referralInput({ participant: { firstName: 'Ana', lastName: 'Lopez-T', dateOfBirth: '2000-06-06' } }), { channel: 'api' });
    const b = await createReferral(t.db, prosecutor, referralInput({ participant: { firstName: 'ana', lastName: 'LOPEZ-T', dateOfBirth: '2000-06-06' } }), { channel: 'csv' });
    expect(a.participant.linked).toBe(false);
    expect(b.participant).toEqual({ id: a.participant.id, linked: true });
  });
});

describe('idempotency on the external case number', () => {
  it('a retry returns the same case with created = false', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const input = referralInput();
    const a = await createReferral(t.db, prosecutor, input, { channel: 'api' });
    const b = await createReferral(t.db, prosecutor, input, { channel: 'api' });
    expect(b).toMatchObject({ created: false, caseId: a.caseId, status: 'offered' });
  });

  it('20 concurrent identical referrals make one case and one participant', async () => {
    const { j, prosecutor } = await makeIntakeJurisdiction(t.db);
    const input = referralInput();
    const results = await Promise.all(Array.from({ length: 20 }, () => createReferral(t.db, prosecutor, input, { channel: 'api' })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    const [{ n }] = await t.db.select({ n: count() }).from(cases).where(and(eq(cases.jurisdictionId, j.id), eq(cases.externalCaseNumber, input.externalCaseNumber)));
    expect(n).toBe(1);
    expect(await findParticipantMatches(t.db, j.id, input.participant as { firstName: string; lastName: string; dateOfBirth: string })).toHaveLength(1);
  });
});

describe('prosecutor decisions and overrides', () => {
  it('decides a needs-review case with a written reason; eligible goes straight to an offer', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput({ facts: { drugQuantityGrams: null } }), { channel: 'form' });
    const [c] = await t.db.select().from(cases).where(eq(cases.id, r.caseId));
    const short = await overrideScreening(t.db, prosecutor, { caseId: r.caseId, decision: 'eligible', reason: 'ok', version: c.version }).catch((e) => e);
    expect(short.name).toBe('ZodError');
    const moved = await overrideScreening(t.db, prosecutor, { caseId: r.caseId, decision: 'eligible', reason: 'Lab report: 0.8 g, personal use.', version: c.version });
    expect(moved.status).toBe('offered');
    const s = await getScreening(t.db, prosecutor, r.caseId);
    expect(s.current).toMatchObject({ source: 'override', decision: 'eligible', reason: 'Lab report: 0.8 g, personal use.', policyVersion: 1 });
    expect(s.history.map((d) => d.source)).toEqual(['override', 'engine']);
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityId, r.caseId), eq(auditLog.action, 'screening.override')));
    expect(n).toBe(1);
  });

  it('overrides an ineligible decision either way, and returns an ineligible case to the office', async () => {
    const { prosecutor, coordinator } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput({ facts: { violenceInvolved: 'yes' } }), { channel: 'form' });
    expect(r.status).toBe('ineligible');
    await expect(overrideScreening(t.db, coordinator, { caseId: r.caseId, decision: 'eligible', reason: 'Coordinator cannot do this', version: 3 })).rejects.toBeInstanceOf(ForbiddenError);
    const [c] = await t.db.select().from(cases).where(eq(cases.id, r.caseId));
    await expect(overrideScreening(t.db, prosecutor, { caseId: r.caseId, decision: 'eligible', reason: 'Stale version of the page', version: c.version - 1 })).rejects.toBeInstanceOf(ConflictError);
    const wrongWay = await overrideScreening(t.db, prosecutor, { caseId: r.caseId, decision: 'ineligible', reason: 'Already ineligible though', version: c.version }).catch((e) => e);
    expect(wrongWay).toBeInstanceOf(RuleError);
    const back = await returnIneligibleCase(t.db, prosecutor, { caseId: r.caseId, version: c.version });
    expect(back.status).toBe('returned');
    const decisions = await t.db.select().from(screeningDecisions).where(eq(screeningDecisions.caseId, r.caseId));
    expect(decisions).toHaveLength(1);
  });

  it('the database refuses an override without a written reason', async () => {
    const { prosecutor, policy } = await makeIntakeJurisdiction(t.db);
    const r = await createReferral(t.db, prosecutor, referralInput(), { channel: 'form' });
    const err = await t.db
      .insert(screeningDecisions)
      .values({ caseId: r.caseId, jurisdictionId: prosecutor.jurisdictionId, policyId: policy.id, policyVersion: 1, source: 'override', decision: 'ineligible', results: [], reason: '   ' })
      .catch((e) => e);
    expect(sqlState(err)).toBe('23514');
  });
});
