import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { logProgress, reviewProgress, TREATMENT_PROGRESS_REFUSED } from '@/db/queries/agreement-progress';
import { exportAudit, writeAudit } from '@/db/queries/audit';
import { addItem, createDraft, getCaseAgreements, signAgreement } from '@/db/queries/agreements';
import { getCase, listCases } from '@/db/queries/cases';
import { getCaseForApi } from '@/db/queries/outcomes';
import { referToTreatment, signConsent, viewTreatmentAsRecipient } from '@/db/queries/treatment';
import { auditLog, caseEvents, progressEntries } from '@/db/schema';
import { NotFoundError, RuleError } from '@/lib/errors';
import { actorOf, addMember, makeUser } from '../helpers/factories';
import { makeTreatmentCase, makeTreatmentWorld, type TreatmentWorld } from '../helpers/treatment-factories';
import { createTestDb } from '../helpers/test-db';

/*
 * 42 CFR Part 2 on the case timeline: a prosecutor's office without a consent naming it learns
 * nothing about treatment — no item title, no provider, not the word — from the case page or the
 * API; with consent it sees the provider's attestation on the treatment panel, and the timeline
 * stays neutral. Progress on treatment items is refused: the provider attests instead.
 */

let t: OpenDb;
let w: TreatmentWorld;
beforeAll(async () => {
  t = await createTestDb('empty');
  w = await makeTreatmentWorld(t.db);
});
afterAll(async () => t?.close());

const NOW = new Date('2026-11-02T18:00:00Z');
const LATER = new Date('2026-11-03T18:00:00Z');
/** Anything that says treatment exists: the item kinds and fixed wording, the provider. */
const TRACE = /treatment|assessment|clinician|ReDiscover|Swope|provider/i;

/** A signed agreement with community service and a treatment assessment, and a referral from the item. */
async function caseWithTreatment() {
  const k = await makeTreatmentCase(t.db, w, { status: 'hearing_held' });
  const chair = await makeUser(t.db, { jurisdictionId: w.j.id, role: 'volunteer' });
  await addMember(t.db, w.boards.northeast.id, chair.id, { role: 'chair' });
  const a = await createDraft(t.db, w.volunteer, { caseId: k.c.id }, NOW);
  const service = await addItem(t.db, w.volunteer, { agreementId: a.id, version: a.version, kind: 'community_service_hours', title: 'Community service', targetQuantity: 10, dueOn: '2026-12-15', verification: 'Signed timesheet' });
  const treatment = await addItem(t.db, w.volunteer, { agreementId: a.id, version: service.version, kind: 'treatment_assessment', title: 'Assessment at ReDiscover', targetQuantity: 1, dueOn: '2026-12-01', verification: 'Attestation from the provider' });
  await signAgreement(t.db, k.participant, { agreementId: a.id, version: treatment.version, signerRole: 'participant', typedName: k.patientName, confirm: 'on' }, NOW);
  await signAgreement(t.db, actorOf(chair), { agreementId: a.id, version: treatment.version, signerRole: 'chair', typedName: 'Chair Person', confirm: 'on' }, NOW);
  const referral = await referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id, agreementItemId: treatment.item.id }, NOW);
  // Progress on community service, verified: this the prosecutor may see by name.
  const { entry } = await logProgress(t.db, k.participant, { itemId: service.item.id, occurredOn: '2026-11-03', quantity: 4, place: 'Food bank' }, null, LATER);
  await reviewProgress(t.db, w.coordinator, { entryId: entry.id, version: entry.version, decision: 'verified' }, LATER);
  return { ...k, agreementId: a.id, serviceItem: service.item, treatmentItem: treatment.item, referral };
}

async function prosecutorReads(caseId: string) {
  const page = await getCase(t.db, w.prosecutor, caseId);
  const api = await getCaseForApi(t.db, w.prosecutor, caseId);
  const list = await listCases(t.db, w.prosecutor, { limit: 100 });
  return { page, api, list };
}

describe('treatment on the case timeline', () => {
  it('writes agreement and progress events that name no treatment item, and the prosecutor without consent sees no trace of treatment', async () => {
    const k = await caseWithTreatment();

    // Written neutral: the rows themselves (and the audit details of the item) carry no treatment text.
    const rows = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, k.c.id));
    expect(rows.some((r) => r.type === 'agreement_changed')).toBe(true);
    expect(JSON.stringify(rows.map((r) => r.payload))).not.toMatch(TRACE);
    const [itemAudit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'agreement.item.add'), eq(auditLog.entityId, k.agreementId), eq(auditLog.details, { itemId: k.treatmentItem.id })));
    expect(itemAudit).toBeDefined();

    const { page, api, list } = await prosecutorReads(k.c.id);
    if (page.view !== 'staff') throw new Error('prosecutor gets the staff view');
    expect(page.events.length).toBeGreaterThan(5);
    expect(JSON.stringify(page)).not.toMatch(TRACE);
    expect(JSON.stringify(api)).not.toMatch(TRACE);
    expect(JSON.stringify(list)).not.toMatch(TRACE);
    // What is not treatment still shows: the verified community service hours, by name.
    expect(page.events.some((e) => JSON.stringify(e.payload).includes('Community service'))).toBe(true);
    // No consent: no treatment panel, and the agreement itself is not the prosecutor's to read.
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page', LATER)).toBeNull();
    await expect(getCaseAgreements(t.db, w.prosecutor, k.c.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reduces events written before the rule (titles in full) when the prosecutor reads them; the coordinator still reads them', async () => {
    const k = await caseWithTreatment();
    const target = { caseId: k.c.id, jurisdictionId: w.j.id };
    // A legacy progress entry on the treatment item, and events naming it, as older code wrote them.
    const [legacy] = await t.db
      .insert(progressEntries)
      .values({ ...target, itemId: k.treatmentItem.id, lineageId: k.treatmentItem.lineageId, occurredOn: '2026-11-03', quantity: 1, note: 'Went to intake at ReDiscover', loggedByUserId: k.participant.userId, loggedByRole: 'participant' })
      .returning();
    await t.db.insert(caseEvents).values([
      { ...target, type: 'agreement_changed', payload: { type: 'agreement_changed', action: 'agreement.item.add', agreementId: k.agreementId, details: { itemId: k.treatmentItem.id, kind: 'treatment_assessment', title: 'Treatment assessment' } } },
      { ...target, type: 'agreement_changed', payload: { type: 'agreement_changed', action: 'agreement.amend', agreementId: k.agreementId, details: { reason: 'Add a treatment program at ReDiscover' } } },
      { ...target, type: 'progress_changed', payload: { type: 'progress_changed', action: 'rejected', entryId: legacy.id, itemTitle: 'Treatment assessment', details: { quantity: 1, reason: 'Need the ReDiscover letter' } } },
    ]);

    const { page } = await prosecutorReads(k.c.id);
    if (page.view !== 'staff') throw new Error('prosecutor gets the staff view');
    expect(JSON.stringify(page.events)).not.toMatch(TRACE);
    const reduced = page.events.find((e) => (e.payload as { entryId?: string }).entryId === legacy.id);
    expect(reduced?.payload).toEqual({ type: 'progress_changed', action: 'rejected', entryId: legacy.id, itemTitle: '', details: {} });

    // The audit CSV export leaves out the old agreement rows that named the treatment item.
    await writeAudit(t.db, w.coordinator, { action: 'agreement.item.add', entityType: 'agreement', entityId: k.agreementId, jurisdictionId: w.j.id, details: { itemId: k.treatmentItem.id, kind: 'treatment_assessment', title: 'Treatment assessment' } });
    const exported: unknown[] = [];
    for await (const batch of exportAudit(t.db, w.admin, {})) exported.push(...batch);
    expect(exported.length).toBeGreaterThan(10);
    expect(JSON.stringify(exported)).not.toMatch(TRACE);

    // The coordinator reads the agreement anyway, so the timeline is theirs as written.
    const coord = await getCase(t.db, w.coordinator, k.c.id);
    if (coord.view !== 'staff') throw new Error('coordinator gets the staff view');
    expect(JSON.stringify(coord.events)).toContain('Treatment assessment');
  });

  it('with a consent naming the office, the prosecutor sees the attestation on the treatment panel and still nothing on the timeline', async () => {
    const k = await caseWithTreatment();
    await signConsent(t.db, k.participant, { caseId: k.c.id, recipients: ['prosecutor_office'], expiry: 'final_disposition', signature: k.patientName }, LATER);
    const seen = await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page', LATER);
    expect(seen?.referrals.map((r) => [r.providerName, r.status])).toEqual([['ReDiscover Test', 'referred']]);
    const { page, api } = await prosecutorReads(k.c.id);
    expect(JSON.stringify(page)).not.toMatch(TRACE);
    expect(JSON.stringify(api)).not.toMatch(TRACE);
  });
});

describe('progress on treatment items', () => {
  it('is refused with a clear message, for the participant and for staff on their behalf, and nothing is written', async () => {
    const k = await caseWithTreatment();
    for (const actor of [k.participant, w.volunteer, w.coordinator]) {
      const err = await logProgress(t.db, actor, { itemId: k.treatmentItem.id, occurredOn: '2026-11-03', quantity: 1, note: 'Went to intake' }, null, LATER).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RuleError);
      expect((err as RuleError).message).toBe(TREATMENT_PROGRESS_REFUSED);
    }
    expect(TREATMENT_PROGRESS_REFUSED).toMatch(/provider confirms/);
    const entries = await t.db.select().from(progressEntries).where(eq(progressEntries.itemId, k.treatmentItem.id));
    expect(entries).toEqual([]);
  });
});
