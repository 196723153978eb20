/**
 * Issue 9, audit log: every read of treatment status, every export and every denied access is on
 * record with who, what, when (UTC), from where and the outcome — on both engines.
 *
 *  - Treatment status shown to a recipient under consent (prosecutor, coordinator, board; screen and
 *    API), to the provider's liaison and to the participant: a `treatment.read` success entry,
 *    besides the Part 2 disclosure row. A refused read (no consent, out of scope, a role that is no
 *    recipient) writes a `treatment.read` denied entry. These rows stay out of the audit CSV export.
 *  - The agreement PDF is an export: `agreement.export` success, or denied when refused.
 *  - A server action refused by the data layer (out of scope → "not found") writes a denied entry
 *    in its own transaction, although the action's transaction rolled back; so does a role that
 *    lacks the permission (defineAction and definePortalAction).
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenDb } from '@/db/open';
import { exportAudit } from '@/db/queries/audit';
import { getOwnTreatment, listReferralsForProvider, viewTreatmentAsRecipient } from '@/db/queries/treatment';
import { agreements, auditLog, cases, jurisdictions, part2Disclosures, treatmentReferrals } from '@/db/schema';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError } from '@/lib/errors';
import { getApiCase } from '@/lib/http/v1';
import { serveAgreementPdf } from '@/lib/agreements/pdf-route';
import { demoActors, fuzzState, useTestDb } from '../helpers/fuzz-harness';
import { makeTreatmentCase, makeTreatmentWorld, referAndConsent, type TreatmentWorld } from '../helpers/treatment-factories';
import { createTestDb } from '../helpers/test-db';

vi.mock('next/cache', async () => (await import('../helpers/next-request-mocks')).nextCacheMock());
vi.mock('next/headers', async () => (await import('../helpers/next-request-mocks')).nextHeadersMock('audit-test'));
vi.mock('next-intl/server', async () => (await import('../helpers/next-request-mocks')).nextIntlServerMock());
vi.mock('@/lib/auth/session', async (importOriginal) =>
  (await import('../helpers/next-request-mocks')).sessionMock(await importOriginal(), 'audit-test'),
);

const IP = '198.51.100.7';
const withIp = (a: Actor): Actor => ({ ...a, ip: IP });

/** Audit rows written after `mark` (an audit id), oldest first. */
async function rowsSince(db: Db, mark: number) {
  return db.select().from(auditLog).where(gt(auditLog.id, mark)).orderBy(auditLog.id);
}
async function mark(db: Db) {
  const [r] = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return r?.id ?? 0;
}
/** who, what, outcome — and when (UTC, just now) and from where. */
function expectEntry(row: typeof auditLog.$inferSelect | undefined, who: Actor, what: Partial<typeof auditLog.$inferSelect>, ip: string | null = IP) {
  expect(row).toBeDefined();
  expect(row).toMatchObject({ actorRole: who.role, ...what });
  if (!who.apiToken) expect(row!.actorUserId).toBe(who.userId);
  expect(row!.ip).toBe(ip);
  expect(Math.abs(row!.occurredAt.getTime() - Date.now())).toBeLessThan(120_000);
}

describe('treatment status reads are audited (empty database with a treatment world)', () => {
  let t: OpenDb;
  let w: TreatmentWorld;
  beforeAll(async () => {
    t = await createTestDb('empty');
    w = await makeTreatmentWorld(t.db);
  });
  afterAll(async () => t?.close());

  it('a recipient under consent: treatment.read success beside the disclosure row; each view one entry', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const { referral, consent } = await referAndConsent(t.db, w, k, { recipients: ['prosecutor_office', 'program', 'board'] });
    for (const [who, channel] of [
      [w.prosecutor, 'staff_case_page'],
      [w.coordinator, 'staff_case_page'],
      [w.volunteer, 'board_case_page'],
    ] as const) {
      const m = await mark(t.db);
      const view = await viewTreatmentAsRecipient(t.db, withIp(who), k.c.id, channel);
      expect(view).not.toBeNull();
      const rows = await rowsSince(t.db, m);
      expect(rows.map((r) => [r.action, r.outcome])).toEqual([['treatment.read', 'success']]);
      expectEntry(rows[0], who, { action: 'treatment.read', outcome: 'success', entityType: 'treatment_status', entityId: k.c.id, jurisdictionId: w.j.id });
      expect(rows[0].details).toMatchObject({ channel, consentId: consent.id, referrals: [referral.id] });
    }
    expect(await t.db.select().from(part2Disclosures).where(eq(part2Disclosures.caseId, k.c.id))).toHaveLength(3);
  });

  it('through the API (token): the entry names the token', async () => {
    const k = await makeTreatmentCase(t.db, w);
    await referAndConsent(t.db, w, k);
    const m = await mark(t.db);
    const res = await getApiCase(t.db, new Request(`http://localhost/api/v1/cases/${k.c.id}`, { headers: { authorization: `Bearer ${w.token}` } }), k.c.id);
    expect((await res.json()).treatment).not.toBeNull();
    const read = (await rowsSince(t.db, m)).filter((r) => r.action === 'treatment.read');
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ outcome: 'success', entityId: k.c.id, details: expect.objectContaining({ channel: 'api' }) });
    expect(read[0].actorApiTokenId).not.toBeNull();
  });

  it('refused reads are denied entries: no consent, consent not naming the recipient, out of scope, not a recipient', async () => {
    const k = await makeTreatmentCase(t.db, w);
    // Referral, no consent at all.
    await referAndConsent(t.db, w, k, { recipients: ['program'] });
    const m = await mark(t.db);
    expect(await viewTreatmentAsRecipient(t.db, withIp(w.prosecutor), k.c.id, 'staff_case_page')).toBeNull();
    expect(await viewTreatmentAsRecipient(t.db, withIp(w.volunteer), k.c.id, 'board_case_page')).toBeNull();
    // The outsider volunteer is on no board of this case: out of scope.
    expect(await viewTreatmentAsRecipient(t.db, withIp(w.outsider), k.c.id, 'board_case_page')).toBeNull();
    // An admin is no Part 2 recipient.
    expect(await viewTreatmentAsRecipient(t.db, withIp(w.admin), k.c.id, 'staff_case_page')).toBeNull();
    // Not even an id.
    expect(await viewTreatmentAsRecipient(t.db, withIp(w.prosecutor), 'not-a-uuid', 'staff_case_page')).toBeNull();
    const rows = await rowsSince(t.db, m);
    expect(rows.map((r) => [r.action, r.outcome, r.actorRole, (r.details as { reason?: string }).reason])).toEqual([
      ['treatment.read', 'denied', 'prosecutor', 'no_consent'],
      ['treatment.read', 'denied', 'volunteer', 'no_consent'],
      ['treatment.read', 'denied', 'volunteer', 'not_found'],
      ['treatment.read', 'denied', 'admin', 'role'],
      ['treatment.read', 'denied', 'prosecutor', 'not_found'],
    ]);
    expectEntry(rows[0], w.prosecutor, { entityType: 'treatment_status', entityId: k.c.id });
    expectEntry(rows[2], w.outsider, { entityType: 'treatment_status', entityId: k.c.id });
    expect(await t.db.select().from(part2Disclosures).where(eq(part2Disclosures.caseId, k.c.id))).toEqual([]);
  });

  it('the provider liaison and the participant: treatment.read success with the referrals shown; wrong role denied', async () => {
    const k = await makeTreatmentCase(t.db, w);
    const { referral } = await referAndConsent(t.db, w, k);
    let m = await mark(t.db);
    const list = await listReferralsForProvider(t.db, withIp(w.liaisonA));
    expect(list.map((r) => r.id)).toContain(referral.id);
    let rows = await rowsSince(t.db, m);
    expect(rows).toHaveLength(1);
    expectEntry(rows[0], w.liaisonA, { action: 'treatment.read', outcome: 'success', entityType: 'treatment_provider', entityId: w.providers.rediscover.id });
    expect((rows[0].details as { referrals: string[] }).referrals).toContain(referral.id);

    m = await mark(t.db);
    const own = await getOwnTreatment(t.db, withIp(k.participant));
    expect(own!.referrals.map((r) => r.id)).toEqual([referral.id]);
    rows = await rowsSince(t.db, m);
    expect(rows).toHaveLength(1);
    expectEntry(rows[0], k.participant, { action: 'treatment.read', outcome: 'success', entityType: 'treatment_status', entityId: k.c.id, details: { channel: 'portal', referrals: [referral.id] } });

    m = await mark(t.db);
    await expect(listReferralsForProvider(t.db, withIp(w.prosecutor))).rejects.toThrow(ForbiddenError);
    await expect(getOwnTreatment(t.db, withIp(w.prosecutor))).rejects.toThrow(ForbiddenError);
    rows = await rowsSince(t.db, m);
    expect(rows.map((r) => [r.action, r.outcome, r.actorRole])).toEqual([
      ['treatment.read', 'denied', 'prosecutor'],
      ['treatment.read', 'denied', 'prosecutor'],
    ]);
  });

  it('treatment.read rows never leave in the audit CSV export', async () => {
    const exported: { action: string; entityType: string | null }[] = [];
    for await (const batch of exportAudit(t.db, w.admin, {})) exported.push(...batch);
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'treatment.read'));
    expect(n).toBeGreaterThan(5);
    expect(exported.filter((r) => r.action === 'treatment.read')).toEqual([]);
    const ids = (await t.db.select({ id: treatmentReferrals.id }).from(treatmentReferrals)).map((r) => r.id);
    for (const id of ids) expect(JSON.stringify(exported)).not.toContain(id);
  });
});

describe('exports and refused server actions are audited (demo database)', () => {
  let t: OpenDb;
  let actors: Awaited<ReturnType<typeof demoActors>>;
  beforeAll(async () => {
    t = await createTestDb('demo');
    useTestDb(t);
    actors = await demoActors(t.db);
  });
  afterAll(async () => t?.close());

  it('agreement PDF: agreement.export success with the agreement; refused downloads are denied entries', async () => {
    const coordinator = withIp(actors.coordinator);
    const [a] = await t.db
      .select({ id: agreements.id, caseId: agreements.caseId, number: agreements.number })
      .from(agreements)
      .where(and(eq(agreements.status, 'signed'), eq(agreements.jurisdictionId, coordinator.jurisdictionId)))
      .limit(1);
    expect(a).toBeDefined();
    const url = (caseId: string, q = '') => new Request(`http://localhost/api/cases/${caseId}/agreement-pdf${q}`);
    let m = await mark(t.db);
    const res = await serveAgreementPdf(t.db, coordinator, url(a.caseId), a.caseId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    let rows = await rowsSince(t.db, m);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([['agreement.export', 'success']]);
    expectEntry(rows[0], coordinator, { entityType: 'agreement', entityId: a.id, details: expect.objectContaining({ caseId: a.caseId, number: a.number, format: 'pdf' }) });

    const [platte] = await t.db.select({ id: cases.id }).from(cases).innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId)).where(sql`${cases.jurisdictionId} <> ${coordinator.jurisdictionId}`).limit(1);
    m = await mark(t.db);
    expect((await serveAgreementPdf(t.db, withIp(actors.prosecutor), url(a.caseId), a.caseId)).status).toBe(404);
    expect((await serveAgreementPdf(t.db, coordinator, url(platte.id), platte.id)).status).toBe(404);
    expect((await serveAgreementPdf(t.db, coordinator, url(a.caseId, '?number=999'), a.caseId)).status).toBe(404);
    rows = await rowsSince(t.db, m);
    expect(rows.map((r) => [r.action, r.outcome, r.actorRole, (r.details as { reason?: string }).reason])).toEqual([
      ['agreement.export', 'denied', 'prosecutor', 'role'],
      ['agreement.export', 'denied', 'coordinator', 'not_found'],
      ['agreement.export', 'denied', 'coordinator', 'no_signed_version'],
    ]);
    expectEntry(rows[1], coordinator, { entityType: 'case', entityId: platte.id });
  });

  it('audit CSV export: a filter the database cannot take is refused (400) with no audit.export row; the widest range exports', async () => {
    // Found by hand: ?to=9999-12-31 or a year-0 date answered 500 after recording an export that never happened.
    const { GET } = await import('@/app/(admin)/admin/audit/export/route');
    const admin = withIp(actors.admin);
    fuzzState.actor = admin;
    const get = (q: string) => GET(new Request(`http://localhost/admin/audit/export?${q}`));
    for (const q of ['to=9999-12-31', 'from=0000-01-01', 'to=0000-01-01', 'from=2026-02-31&action=auth.']) {
      const m = await mark(t.db);
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text(), q).toMatch(/not valid.*Nothing was exported/s);
      expect(await rowsSince(t.db, m), q).toEqual([]);
    }
    const m = await mark(t.db);
    const res = await get('from=0001-01-01&to=9999-12-30&action=auth.');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await res.text();
    expect(csv.split('\n')[0]).toMatch(/^chain_seq,id,occurred_at_utc,/);
    const rows = await rowsSince(t.db, m);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([['audit.export', 'success']]);
    expectEntry(rows[0], admin, { entityType: 'audit_log', details: { filter: expect.objectContaining({ from: '0001-01-01', to: '9999-12-30', action: 'auth.' }) } });
  });

  it('a server action refused as out of scope writes a denied entry although its transaction rolled back', async () => {
    const { referTreatmentAction } = await import('@/app/(staff)/cases/[caseId]/treatment-actions');
    const coordinator = withIp(actors.coordinator);
    const [platte] = await t.db.select({ id: cases.id }).from(cases).where(sql`${cases.jurisdictionId} <> ${coordinator.jurisdictionId}`).limit(1);
    const providerId = '00000000-0000-4000-8000-000000000001';
    const fd = new FormData();
    fd.set('caseId', platte.id);
    fd.set('providerId', providerId);
    fuzzState.actor = coordinator;
    const m = await mark(t.db);
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(treatmentReferrals);
    const r = await referTreatmentAction(null, fd);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/not found/) });
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(treatmentReferrals)).toEqual(before);
    const rows = await rowsSince(t.db, m);
    expect(rows).toHaveLength(1);
    expectEntry(rows[0], coordinator, { action: 'treatment.refer', outcome: 'denied', details: { reason: 'not_found', ids: { caseId: platte.id, providerId } } });

    // A role without the permission: denied too (and never reaches the data layer).
    fuzzState.actor = withIp(actors.prosecutor);
    const m2 = await mark(t.db);
    expect(await referTreatmentAction(null, fd)).toMatchObject({ ok: false });
    const rows2 = await rowsSince(t.db, m2);
    expect(rows2.map((x) => [x.action, x.outcome, x.actorRole])).toEqual([['treatment.refer', 'denied', 'prosecutor']]);
  });

  it('a portal action refused as not found writes a denied entry', async () => {
    const { confirmAttendanceAction } = await import('@/app/(participant)/portal/actions');
    const participant = withIp(actors.participant);
    fuzzState.actor = participant;
    const hearingId = '00000000-0000-4000-8000-000000000002';
    const fd = new FormData();
    fd.set('hearingId', hearingId);
    const m = await mark(t.db);
    expect(await confirmAttendanceAction(null, fd)).toMatchObject({ ok: false });
    const rows = await rowsSince(t.db, m);
    expect(rows).toHaveLength(1);
    expectEntry(rows[0], participant, { action: 'portal.use', outcome: 'denied', details: { reason: 'not_found', ids: { hearingId } } });
  });

  it('a session that ended: no entry, and the message in the language the cookie names (staff and portal actions)', async () => {
    const { referTreatmentAction } = await import('@/app/(staff)/cases/[caseId]/treatment-actions');
    const { confirmAttendanceAction } = await import('@/app/(participant)/portal/actions');
    fuzzState.actor = null;
    const fd = new FormData();
    fd.set('caseId', '00000000-0000-4000-8000-000000000003');
    fd.set('note', 'kept');
    const m = await mark(t.db);
    try {
      fuzzState.cookies.set('cg.locale', 'es');
      const es = await referTreatmentAction(null, fd);
      expect(es).toMatchObject({ ok: false, message: expect.stringMatching(/^Su sesión terminó/), values: { note: 'kept' } });
      expect(await confirmAttendanceAction(null, fd)).toMatchObject({ ok: false, message: expect.stringMatching(/^Su sesión terminó/) });
      fuzzState.cookies.set('cg.locale', 'en');
      expect(await referTreatmentAction(null, fd)).toMatchObject({ ok: false, message: expect.stringMatching(/^Your session has ended/) });
    } finally {
      fuzzState.cookies.delete('cg.locale');
    }
    expect(await rowsSince(t.db, m)).toEqual([]);
  });

  it('a validation error or a rule is no denied access: nothing extra is written', async () => {
    const { referTreatmentAction } = await import('@/app/(staff)/cases/[caseId]/treatment-actions');
    fuzzState.actor = withIp(actors.coordinator);
    const fd = new FormData();
    fd.set('caseId', 'nope');
    const m = await mark(t.db);
    expect(await referTreatmentAction(null, fd)).toMatchObject({ ok: false });
    expect(await rowsSince(t.db, m)).toEqual([]);
  });
});
