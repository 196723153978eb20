import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { getOwnTreatment, referToTreatment, viewTreatmentAsRecipient } from '@/db/queries/treatment';
import { agreementItems, agreements, auditLog, caseEvents, treatmentReferralEvents, treatmentReferrals, type AgreementItemKind } from '@/db/schema';
import type { Db } from '@/db/types';
import { NotFoundError, RuleError, sqlState } from '@/lib/errors';
import { actorOf, makeBoard, makeCase, makeJurisdiction, makeUser } from '../helpers/factories';
import { makeTreatmentCase, makeTreatmentWorld, type TreatmentWorld } from '../helpers/treatment-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
let w: TreatmentWorld;
beforeAll(async () => {
  t = await createTestDb('empty');
  w = await makeTreatmentWorld(t.db);
});
afterAll(async () => t?.close());

/** An agreement on the case (signed unless told otherwise) with one item of each kind given. */
async function agreementWith(db: Db, c: { id: string; jurisdictionId: string }, kinds: AgreementItemKind[], status: 'signed' | 'draft' = 'signed') {
  const [a] = await db
    .insert(agreements)
    .values({ jurisdictionId: c.jurisdictionId, caseId: c.id, number: 1, status, startsOn: '2026-11-02', checkInOn: '2026-12-17', endsOn: '2027-01-31', offenseLevel: 'misdemeanor_a', signedAt: status === 'signed' ? new Date() : null })
    .returning();
  const items = await db
    .insert(agreementItems)
    .values(
      kinds.map((kind, position) => ({
        agreementId: a.id,
        jurisdictionId: c.jurisdictionId,
        caseId: c.id,
        lineageId: randomUUID(),
        position,
        kind,
        title: kind === 'community_service_hours' ? 'Community service' : 'Substance use assessment',
        targetQuantity: kind === 'community_service_hours' ? 10 : 1,
        unit: kind === 'community_service_hours' ? ('hours' as const) : ('sessions' as const),
        dueOn: '2027-01-15',
        verification: 'Provider attestation',
      })),
    )
    .returning();
  return { agreement: a, items };
}

const referralsOf = (caseId: string) => t.db.select().from(treatmentReferrals).where(eq(treatmentReferrals.caseId, caseId));

describe('treatment referral from an agreement item', () => {
  it('links the referral to the item, with its attestation history and an id-only audit entry, and tells no recipient without consent', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const { items } = await agreementWith(t.db, k.c, ['community_service_hours', 'treatment_assessment']);
    const assessment = items[1];
    const r = await referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id, agreementItemId: assessment.id });

    const [row] = await referralsOf(k.c.id);
    expect(row).toMatchObject({ id: r.id, agreementItemId: assessment.id, providerId: w.providers.rediscover.id, status: 'referred' });
    const events = await t.db.select().from(treatmentReferralEvents).where(eq(treatmentReferralEvents.referralId, r.id));
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorRole])).toEqual([[null, 'referred', 'coordinator']]);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'treatment_referral'), eq(auditLog.entityId, r.id)));
    expect(audit).toMatchObject({ action: 'treatment.referral.create', details: { agreementItemId: assessment.id } });
    // Ids only: no item title or provider name in the audit row.
    expect(JSON.stringify(audit.details)).not.toMatch(/assessment|ReDiscover/i);

    // The case timeline (read by prosecutors and volunteers) says nothing, and without a consent
    // naming them neither the prosecutor nor the program sees that the referral exists.
    const timeline = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, k.c.id));
    expect(JSON.stringify(timeline)).not.toMatch(/treatment|referral|ReDiscover/i);
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page')).toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, w.coordinator, k.c.id, 'staff_case_page')).toBeNull();

    // A volunteer of the case's board refers from the item too (to another provider).
    await referToTreatment(t.db, w.volunteer, { caseId: k.c.id, providerId: w.providers.swope.id, agreementItemId: assessment.id });
    expect((await referralsOf(k.c.id)).map((x) => x.agreementItemId)).toEqual([assessment.id, assessment.id]);

    // The participant sees, on their own treatment page, which obligation each referral is for.
    const own = await getOwnTreatment(t.db, k.participant);
    expect(own!.referrals.map((x) => [x.provider.name, x.itemTitle, x.itemDueOn])).toEqual([
      ['ReDiscover Test', 'Substance use assessment', '2027-01-15'],
      ['Swope Test', 'Substance use assessment', '2027-01-15'],
    ]);
  });

  it('an item of another case, another jurisdiction, or a made-up id is "not found", and nothing is written', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await agreementWith(t.db, k.c, ['treatment_assessment']);
    const other = await makeTreatmentCase(t.db, w);
    const { items: otherItems } = await agreementWith(t.db, other.c, ['treatment_assessment']);

    const j2 = await makeJurisdiction(t.db, { name: 'Platte Test' });
    const b2 = await makeBoard(t.db, { jurisdictionId: j2.id, name: 'Platte board' });
    const c2 = await makeCase(t.db, { jurisdictionId: j2.id, status: 'in_progress', boardId: b2.id });
    const { items: foreignItems } = await agreementWith(t.db, c2, ['treatment_assessment']);
    const foreignCoordinator = actorOf(await makeUser(t.db, { jurisdictionId: j2.id, role: 'coordinator' }));

    for (const agreementItemId of [otherItems[0].id, foreignItems[0].id, randomUUID()]) {
      await expect(referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id, agreementItemId })).rejects.toBeInstanceOf(NotFoundError);
    }
    // The other jurisdiction's coordinator cannot reach this case, nor use an item of it on their own case.
    await expect(referToTreatment(t.db, foreignCoordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id, agreementItemId: otherItems[0].id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(referToTreatment(t.db, foreignCoordinator, { caseId: c2.id, providerId: w.providers.rediscover.id, agreementItemId: otherItems[0].id })).rejects.toBeInstanceOf(NotFoundError);
    // A volunteer who does not serve on the case's board gets "not found" as well.
    await expect(referToTreatment(t.db, w.outsider, { caseId: k.c.id, providerId: w.providers.rediscover.id, agreementItemId: otherItems[0].id })).rejects.toBeInstanceOf(NotFoundError);
    // Not a uuid at all: a field error, never a 500.
    await expect(referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id, agreementItemId: 'not-an-id' })).rejects.toMatchObject({ name: 'ZodError' });

    expect(await referralsOf(k.c.id)).toEqual([]);
    expect(await referralsOf(c2.id)).toEqual([]);
  });

  it('refers only from a treatment item of the signed agreement', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const { items } = await agreementWith(t.db, k.c, ['community_service_hours']);
    await expect(referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id, agreementItemId: items[0].id })).rejects.toMatchObject({ fieldErrors: { agreementItemId: ['Not a treatment item.'] } });

    const d = await makeTreatmentCase(t.db, w);
    const { items: draftItems } = await agreementWith(t.db, d.c, ['treatment_program'], 'draft');
    await expect(referToTreatment(t.db, w.coordinator, { caseId: d.c.id, providerId: w.providers.rediscover.id, agreementItemId: draftItems[0].id })).rejects.toBeInstanceOf(RuleError);
    expect([...(await referralsOf(k.c.id)), ...(await referralsOf(d.c.id))]).toEqual([]);
  });

  it('the database refuses a made-up item id, and an item of another case, whatever the code does', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const other = await makeTreatmentCase(t.db, w);
    const { items: otherItems } = await agreementWith(t.db, other.c, ['treatment_assessment']);
    const base = { jurisdictionId: w.j.id, caseId: k.c.id, providerId: w.providers.rediscover.id };
    for (const agreementItemId of [randomUUID(), otherItems[0].id]) {
      const err = await t.db
        .insert(treatmentReferrals)
        .values({ ...base, agreementItemId })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(sqlState(err)).toBe('23503');
    }
    // A referral made from the treatment panel (no item) is still fine.
    await expect(t.db.insert(treatmentReferrals).values({ ...base, agreementItemId: null })).resolves.toBeDefined();
  });
});
