import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { attestTreatmentStatus, createProvider, getOwnTreatment, linkLiaison, listProviders, listReferralsForProvider, referToTreatment, setProviderStatus } from '@/db/queries/treatment';
import { caseEvents, treatmentReferralEvents, treatmentReferrals, treatmentStatusTransitions } from '@/db/schema';
import { treatmentStatuses, treatmentTransitions } from '@/lib/domain/treatment-lifecycle';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { actorOf, makeCase, makeJurisdiction, makeUser } from '../helpers/factories';
import { makeTreatmentCase, makeTreatmentWorld, type TreatmentWorld } from '../helpers/treatment-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
let w: TreatmentWorld;
beforeAll(async () => {
  t = await createTestDb('empty');
  w = await makeTreatmentWorld(t.db);
});
afterAll(async () => t?.close());

describe('treatment providers and referrals', () => {
  it('the database holds the same lifecycle table as lib/domain', async () => {
    const rows = await t.db.select().from(treatmentStatusTransitions);
    const fromDb = rows.map((r) => `${r.fromStatus}>${r.toStatus}`).sort();
    const fromCode = treatmentStatuses.flatMap((s) => treatmentTransitions[s].map((to) => `${s}>${to}`)).sort();
    expect(fromDb).toEqual(fromCode);
  });

  it('a provider’s liaison sees only referrals to their own organisation and attests along the lifecycle', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const a = await referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id });
    const b = await referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.swope.id });
    const seenA = await listReferralsForProvider(t.db, w.liaisonA);
    const seenB = await listReferralsForProvider(t.db, w.liaisonB);
    expect(seenA.map((r) => r.id)).toContain(a.id);
    expect(seenA.map((r) => r.id)).not.toContain(b.id);
    expect(seenB.map((r) => r.id)).toEqual(expect.arrayContaining([b.id]));
    expect(seenB.map((r) => r.id)).not.toContain(a.id);
    // No case number, charges or criminal history reach the provider: contact for intake only.
    expect(Object.keys(seenA[0]).sort()).toEqual(['createdAt', 'firstName', 'id', 'lastName', 'phone', 'preferredLanguage', 'status', 'statusChangedAt', 'version']);

    await expect(attestTreatmentStatus(t.db, w.liaisonB, { referralId: a.id, to: 'intake_scheduled', version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(attestTreatmentStatus(t.db, w.prosecutor, { referralId: a.id, to: 'intake_scheduled', version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(attestTreatmentStatus(t.db, w.liaisonA, { referralId: a.id, to: 'completed', version: 1 })).rejects.toBeInstanceOf(RuleError);
    const s1 = await attestTreatmentStatus(t.db, w.liaisonA, { referralId: a.id, to: 'intake_scheduled', version: 1 });
    await expect(attestTreatmentStatus(t.db, w.liaisonA, { referralId: a.id, to: 'attended_intake', version: 1 })).rejects.toBeInstanceOf(ConflictError);
    const s2 = await attestTreatmentStatus(t.db, w.liaisonA, { referralId: a.id, to: 'attended_intake', version: s1.version });
    const s3 = await attestTreatmentStatus(t.db, w.liaisonA, { referralId: a.id, to: 'engaged', version: s2.version });
    await attestTreatmentStatus(t.db, w.liaisonA, { referralId: a.id, to: 'completed', version: s3.version });
    const history = await t.db.select().from(treatmentReferralEvents).where(eq(treatmentReferralEvents.referralId, a.id)).orderBy(treatmentReferralEvents.id);
    expect(history.map((e) => e.toStatus)).toEqual(['referred', 'intake_scheduled', 'attended_intake', 'engaged', 'completed']);
    // Nothing about treatment in the case timeline, which prosecutors and volunteers read.
    const timeline = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, k.c.id));
    expect(JSON.stringify(timeline)).not.toMatch(/treatment|ReDiscover|Swope/i);

    // The participant sees their own referrals in full, with the history.
    const own = await getOwnTreatment(t.db, k.participant);
    expect(own!.referrals.map((r) => [r.provider.name, r.status, r.events.length])).toEqual([
      ['ReDiscover Test', 'completed', 5],
      ['Swope Test', 'referred', 1],
    ]);
    expect(own!.referrals[0].provider.phone).toBe('816-555-0100');
  });

  it('the database refuses a status move the lifecycle does not allow, and edits of the history', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const r = await referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id });
    await expect(t.db.update(treatmentReferrals).set({ status: 'completed' }).where(eq(treatmentReferrals.id, r.id))).rejects.toThrow();
    await expect(t.db.insert(treatmentReferralEvents).values({ referralId: r.id, fromStatus: 'referred', toStatus: 'engaged' })).rejects.toThrow();
    await expect(t.db.execute(sql`update treatment_referral_events set to_status = 'declined' where referral_id = ${r.id}`)).rejects.toThrow();
    await t.db.update(treatmentReferrals).set({ status: 'declined' }).where(eq(treatmentReferrals.id, r.id));
    await expect(t.db.update(treatmentReferrals).set({ status: 'referred' }).where(eq(treatmentReferrals.id, r.id))).rejects.toThrow();
  });

  it('refers only cases in scope and in the program, to active providers accepting clients, once at a time', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await expect(referToTreatment(t.db, w.outsider, { caseId: k.c.id, providerId: w.providers.rediscover.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(referToTreatment(t.db, w.prosecutor, { caseId: k.c.id, providerId: w.providers.rediscover.id })).rejects.toBeInstanceOf(ForbiddenError);
    await referToTreatment(t.db, w.volunteer, { caseId: k.c.id, providerId: w.providers.rediscover.id });
    await expect(referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id })).rejects.toBeInstanceOf(RuleError);
    const early = await makeCase(t.db, { jurisdictionId: w.j.id, status: 'offered' });
    await expect(referToTreatment(t.db, w.coordinator, { caseId: early.id, providerId: w.providers.rediscover.id })).rejects.toBeInstanceOf(RuleError);
    const full = await createProvider(t.db, w.coordinator, { name: 'Full House', services: ['residential'], languages: ['en'], addressLine: '1 Main St, KC', zip: '64105', phone: '816-555-0199', acceptingNewClients: false });
    await expect(referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: full.id })).rejects.toThrow(/not accepting/);
    // Another jurisdiction's provider is not in the directory.
    const other = await makeJurisdiction(t.db);
    const otherCoord = actorOf(await makeUser(t.db, { jurisdictionId: other.id, role: 'coordinator' }));
    const foreign = await createProvider(t.db, otherCoord, { name: 'Elsewhere', services: ['assessment'], languages: ['en'], addressLine: '1 Main St, Platte City', zip: '64079', phone: '816-555-0111', acceptingNewClients: true });
    await expect(referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: foreign.id })).rejects.toBeInstanceOf(RuleError);
    await expect(linkLiaison(t.db, w.coordinator, { providerId: foreign.id, userId: w.liaisonA.userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setProviderStatus(t.db, w.coordinator, { providerId: foreign.id, field: 'active', value: false })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the directory: coordinators manage it; volunteers see active providers to refer; others nothing', async () => {
    await expect(createProvider(t.db, w.coordinator, { name: '', services: [], languages: [], addressLine: '', zip: '1', phone: '' })).rejects.toThrow();
    const p = await createProvider(t.db, w.coordinator, { name: 'Retired Clinic', services: ['assessment'], languages: ['es'], addressLine: '2 Main St, KC', zip: '64106', phone: '816-555-0122', acceptingNewClients: true });
    await setProviderStatus(t.db, w.coordinator, { providerId: p.id, field: 'active', value: false });
    expect((await listProviders(t.db, w.coordinator, { includeInactive: true })).map((x) => x.name)).toContain('Retired Clinic');
    expect((await listProviders(t.db, w.volunteer)).map((x) => x.name)).not.toContain('Retired Clinic');
    const withLiaison = (await listProviders(t.db, w.coordinator)).find((x) => x.id === w.providers.rediscover.id)!;
    expect(withLiaison.liaisons.map((l) => l.userId)).toEqual([w.liaisonA.userId]);
    await expect(listProviders(t.db, w.prosecutor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createProvider(t.db, w.volunteer, { name: 'X', services: ['assessment'], languages: ['en'], addressLine: '3 Main St', zip: '64106', phone: '8165550123' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
