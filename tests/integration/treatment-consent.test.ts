import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { exportAudit } from '@/db/queries/audit';
import { closeCase, recordFinalAction } from '@/db/queries/case-closures';
import { getDashboard } from '@/db/queries/dashboard';
import { assignBoard } from '@/db/queries/routing';
import { attestTreatmentStatus, listConsents, listDisclosures, referToTreatment, revokeConsent, signConsent, viewTreatmentAsRecipient } from '@/db/queries/treatment';
import { auditLog, caseClosures, cases, part2ConsentRecipients, part2Consents, part2Disclosures, treatmentReferrals } from '@/db/schema';
import { noticeText } from '@/lib/domain/part2-consent';
import { ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';
import { getApiCase } from '@/lib/http/v1';
import { dashboardTables } from '@/lib/outcomes/dashboard-tables';
import { actorOf, addMember, makeUser } from '../helpers/factories';
import { makeTreatmentCase, makeTreatmentWorld, referAndConsent, type TreatmentWorld } from '../helpers/treatment-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
let w: TreatmentWorld;
beforeAll(async () => {
  t = await createTestDb('empty');
  w = await makeTreatmentWorld(t.db);
});
afterAll(async () => t?.close());

const apiGet = (id: string, token = w.token) => getApiCase(t.db, new Request(`http://localhost/api/v1/cases/${id}`, { headers: { authorization: `Bearer ${token}` } }), id);
const disclosuresOf = async (caseId: string) => t.db.select().from(part2Disclosures).where(eq(part2Disclosures.caseId, caseId));

/** Everything a prosecutor can pull out of the app about a case, as text. */
async function everythingTheProsecutorSees(caseId: string) {
  const view = await viewTreatmentAsRecipient(t.db, w.prosecutor, caseId, 'staff_case_page');
  const api = await (await apiGet(caseId)).json();
  const dash = dashboardTables(await getDashboard(t.db, w.prosecutor, {}));
  return { view, api, text: JSON.stringify([view, api, dash]) };
}

describe('42 CFR Part 2: recipients see treatment status only under an active consent naming them', () => {
  it('without consent the prosecutor sees nothing — not even that a referral exists — on screen, in the API or in exports', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const r = await referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id });
    await attestTreatmentStatus(t.db, w.liaisonA, { referralId: r.id, to: 'intake_scheduled', version: r.version });
    const seen = await everythingTheProsecutorSees(k.c.id);
    expect(seen.view).toBeNull();
    expect(seen.api.treatment).toBeNull();
    expect(seen.api.id).toBe(k.c.id);
    expect(seen.text).not.toMatch(/ReDiscover|intake|referred to|treatment_referral/i);
    // Nobody else named in no consent either: coordinator and board volunteer.
    expect(await viewTreatmentAsRecipient(t.db, w.coordinator, k.c.id, 'staff_case_page')).toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, w.volunteer, k.c.id, 'board_case_page')).toBeNull();
    expect(await disclosuresOf(k.c.id)).toEqual([]);
  });

  it('with consent naming the office: attestations only, with the §2.32 notice, and each view is a recorded disclosure', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const { referral, consent } = await referAndConsent(t.db, w, k);
    await attestTreatmentStatus(t.db, w.liaisonA, { referralId: referral.id, to: 'intake_scheduled', version: referral.version });

    const view = await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page');
    expect(view).toMatchObject({ consentId: consent.id, recipientKind: 'prosecutor_office' });
    expect(view!.referrals).toEqual([{ id: referral.id, providerName: 'ReDiscover Test', status: 'intake_scheduled', statusChangedAt: expect.any(Date) }]);
    // Only these keys: no clinical field exists to leak.
    expect(Object.keys(view!.referrals[0]).sort()).toEqual(['id', 'providerName', 'status', 'statusChangedAt']);

    const res = await apiGet(k.c.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.treatment).toEqual({ notice: noticeText('en'), consentId: consent.id, referrals: [{ provider: 'ReDiscover Test', status: 'intake_scheduled', statusChangedAt: expect.any(String) }] });
    expect(body.treatment.notice).toContain('42 CFR part 2');

    const rows = await disclosuresOf(k.c.id);
    expect(rows.map((d) => [d.channel, d.recipientKind, d.consentId])).toEqual([
      ['staff_case_page', 'prosecutor_office', consent.id],
      ['api', 'prosecutor_office', consent.id],
    ]);
    expect(rows[0]).toMatchObject({ recipientUserId: w.prosecutor.userId, recipientRole: 'prosecutor' });
    expect(rows[1].recipientApiTokenId).not.toBeNull();
    expect(rows[0].what).toContain('ReDiscover Test — intake scheduled');
    // And as data, for the participant's accounting in their own language.
    expect(rows[0].shown).toEqual([{ provider: 'ReDiscover Test', status: 'intake_scheduled', on: view!.referrals[0].statusChangedAt.toISOString().slice(0, 10) }]);

    // The coordinator is named too; the board is not.
    expect(await viewTreatmentAsRecipient(t.db, w.coordinator, k.c.id, 'staff_case_page')).not.toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, w.volunteer, k.c.id, 'board_case_page')).toBeNull();

    // The participant and the admin can list the accounting of disclosures; another participant cannot see it.
    const own = await listDisclosures(t.db, k.participant);
    expect(own.map((d) => d.recipientKind)).toEqual(['program', 'prosecutor_office', 'prosecutor_office']);
    expect(own.every((d) => d.shown?.[0]?.status === 'intake_scheduled')).toBe(true);
    expect((await listDisclosures(t.db, w.admin)).filter((d) => d.consentId === consent.id)).toHaveLength(3);
    const other = await makeTreatmentCase(t.db, w);
    expect((await listDisclosures(t.db, other.participant)).filter((d) => d.consentId === consent.id)).toEqual([]);
    await expect(listDisclosures(t.db, w.prosecutor)).rejects.toBeInstanceOf(ForbiddenError);

    // The accounting is append-only.
    await expect(t.db.execute(sql`delete from part2_disclosures where case_id = ${k.c.id}`)).rejects.toThrow();
  });

  it('after the participant revokes, nothing again (and the revocation is theirs or on their written request)', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const { consent } = await referAndConsent(t.db, w, k);
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page')).not.toBeNull();
    const other = await makeTreatmentCase(t.db, w);
    await expect(revokeConsent(t.db, other.participant, { consentId: consent.id, version: consent.version })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeConsent(t.db, w.prosecutor, { consentId: consent.id, version: consent.version })).rejects.toBeInstanceOf(ForbiddenError);
    await revokeConsent(t.db, k.participant, { consentId: consent.id, version: consent.version });
    const before = (await disclosuresOf(k.c.id)).length;
    const seen = await everythingTheProsecutorSees(k.c.id);
    expect(seen.view).toBeNull();
    expect(seen.api.treatment).toBeNull();
    expect(seen.text).not.toMatch(/ReDiscover/);
    expect(await disclosuresOf(k.c.id)).toHaveLength(before);
    expect((await listConsents(t.db, k.participant))[0]).toMatchObject({ inForce: false, revokedBy: 'participant' });
  });

  it('a coordinator revokes only on the participant’s written request, described', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const { consent } = await referAndConsent(t.db, w, k);
    await expect(revokeConsent(t.db, w.coordinator, { consentId: consent.id, version: consent.version })).rejects.toBeInstanceOf(RuleError);
    await revokeConsent(t.db, w.coordinator, { consentId: consent.id, version: consent.version, writtenRequest: 'Signed letter dated 2026-11-20' });
    const [row] = await t.db.select().from(part2Consents).where(eq(part2Consents.id, consent.id));
    expect(row).toMatchObject({ revokedBy: 'coordinator_on_written_request', revocationRequest: 'Signed letter dated 2026-11-20' });
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page')).toBeNull();
  });

  it('final disposition ends prosecutor access even while the consent runs to a date; the program keeps it until then', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await referAndConsent(t.db, w, k, { expiry: 'date', expiresOn: '2099-12-31' });
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page')).not.toBeNull();
    await closeCase(t.db, w.coordinator, { caseId: k.c.id, version: k.c.version, outcome: 'withdrawn', summary: 'Participant asked to leave the program.' });
    // Returned, no final action yet: still monitoring.
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page')).not.toBeNull();
    const [cl] = await t.db.select().from(caseClosures).where(eq(caseClosures.caseId, k.c.id));
    await recordFinalAction(t.db, w.prosecutor, { caseId: k.c.id, version: cl.version, finalAction: 'dismissed' });
    const seen = await everythingTheProsecutorSees(k.c.id);
    expect(seen.view).toBeNull();
    expect(seen.api.treatment).toBeNull();
    // The consent ran to a date, not to the event: the program still sees it.
    expect(await viewTreatmentAsRecipient(t.db, w.coordinator, k.c.id, 'staff_case_page')).not.toBeNull();
  });

  it('a consent that ends at final disposition ends for everyone at completion; a dated consent ends after its date', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await referAndConsent(t.db, w, k);
    await closeCase(t.db, w.coordinator, { caseId: k.c.id, version: k.c.version, outcome: 'completed', summary: '' });
    expect(await viewTreatmentAsRecipient(t.db, w.coordinator, k.c.id, 'staff_case_page')).toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page')).toBeNull();

    const d = await makeTreatmentCase(t.db, w);
    await referAndConsent(t.db, w, d, { expiry: 'date', expiresOn: '2099-01-31' });
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, d.c.id, 'staff_case_page', new Date('2099-01-31T20:00:00Z'))).not.toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, d.c.id, 'staff_case_page', new Date('2099-02-01T18:00:00Z'))).toBeNull();
  });

  it('the board sees status only when named; a volunteer of another board never does', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await referAndConsent(t.db, w, k, { recipients: ['board'] });
    expect(await viewTreatmentAsRecipient(t.db, w.volunteer, k.c.id, 'board_case_page')).not.toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, w.outsider, k.c.id, 'board_case_page')).toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page')).toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, w.coordinator, k.c.id, 'staff_case_page')).toBeNull();
  });

  it('a consent naming the board covers that board only: after the case moves to another board, its volunteers see nothing', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await referAndConsent(t.db, w, k, { recipients: ['board'] });
    const [named] = await t.db.select().from(part2ConsentRecipients).innerJoin(part2Consents, eq(part2Consents.id, part2ConsentRecipients.consentId)).where(eq(part2Consents.caseId, k.c.id));
    expect(named.part2_consent_recipients).toMatchObject({ kind: 'board', name: w.boards.northeast.name, boardId: w.boards.northeast.id });
    expect(await viewTreatmentAsRecipient(t.db, w.volunteer, k.c.id, 'board_case_page')).not.toBeNull();

    const westUser = await makeUser(t.db, { jurisdictionId: w.j.id, role: 'volunteer' });
    await addMember(t.db, w.boards.westside.id, westUser.id);
    const [{ version }] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, k.c.id));
    await assignBoard(t.db, w.coordinator, { caseId: k.c.id, boardId: w.boards.westside.id, reason: 'Moved across town', version });
    // The new board can open the case, but the consent never named it.
    expect(await viewTreatmentAsRecipient(t.db, actorOf(westUser), k.c.id, 'board_case_page')).toBeNull();
    const refused = await t.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, westUser.id), eq(auditLog.action, 'treatment.read')));
    expect(refused.map((r) => [r.outcome, (r.details as { reason?: string }).reason])).toEqual([['denied', 'no_consent']]);
    expect(await disclosuresOf(k.c.id)).toHaveLength(1);
  });

  it('a consent scoped to one provider shows only that provider’s referral', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.swope.id });
    await referAndConsent(t.db, w, k, { providerId: w.providers.rediscover.id });
    // referAndConsent refers to ReDiscover before signing, so the provider is in the referral.
    const view = await viewTreatmentAsRecipient(t.db, w.prosecutor, k.c.id, 'staff_case_page');
    expect(view!.referrals.map((r) => r.providerName)).toEqual(['ReDiscover Test']);
  });

  it('signing refuses an incomplete consent with every problem listed, and the database refuses one too', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await referToTreatment(t.db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id });
    const err = await signConsent(t.db, k.participant, { caseId: k.c.id, recipients: [], expiry: 'date', expiresOn: '', signature: 'Someone Else' }).catch((e) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect(Object.keys((err as RuleError).fieldErrors).sort()).toEqual(['expiresOn', 'recipients', 'signature']);
    expect(await listConsents(t.db, k.participant)).toEqual([]);
    await expect(signConsent(t.db, w.prosecutor, { caseId: k.c.id, recipients: ['prosecutor_office'], expiry: 'final_disposition', signature: k.patientName })).rejects.toBeInstanceOf(ForbiddenError);
    // Straight to the table: a blank purpose or no expiry breaks a CHECK.
    const base = { jurisdictionId: w.j.id, caseId: k.c.id, participantId: k.p.id, patientName: k.patientName, discloser: 'x', information: 'x', purpose: 'x', revocation: 'x', signature: k.patientName, signedOn: '2026-11-20', signedByUserId: k.participant.userId, expiryEvent: 'final_disposition' as const };
    await expect(t.db.insert(part2Consents).values({ ...base, purpose: '  ' })).rejects.toThrow();
    await expect(t.db.insert(part2Consents).values({ ...base, expiryEvent: null })).rejects.toThrow();
  });

  it('the audit CSV export never carries treatment rows', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await referAndConsent(t.db, w, k);
    const exported: { entityType: string | null; action: string }[] = [];
    for await (const batch of exportAudit(t.db, w.admin, {})) exported.push(...batch);
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter((r) => /^treatment\./.test(r.action) || ['treatment_referral', 'part2_consent', 'treatment_provider'].includes(r.entityType ?? ''))).toEqual([]);
    expect(JSON.stringify(exported)).not.toMatch(/ReDiscover/);
    const referrals = await t.db.select().from(treatmentReferrals).where(eq(treatmentReferrals.caseId, k.c.id));
    expect(JSON.stringify(exported)).not.toContain(referrals[0].id);
  });
});
