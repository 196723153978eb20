import { and, count, eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionCase } from '@/db/queries/cases';
import type { OpenDb } from '@/db/open';
import { auditLog, caseEvents, cases } from '@/db/schema';
import { ConflictError, RuleError, sqlState } from '@/lib/errors';
import { actorOf, makeCase, makeJurisdiction, makeUser } from '../helpers/factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

describe('transitionCase', () => {
  it('moves the case, bumps its version, and writes a case event and an audit entry together', async () => {
    const j = await makeJurisdiction(t.db);
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'offered' });
    const r = await transitionCase(t.db, actorOf(coord), { caseId: c.id, to: 'returned', reason: 'declined', note: 'Said no by phone', version: 1 });
    expect(r).toEqual({ version: 2, status: 'returned' });
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row.status).toBe('returned');
    expect(row.returnReason).toBe('declined');
    expect(row.closedAt).not.toBeNull();
    const events = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ type: 'status_changed', from: 'offered', to: 'returned', reason: 'declined', note: 'Said no by phone' });
    expect(events[0].actorUserId).toBe(coord.id);
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'case.transition')));
    expect(n).toBe(1);
  });

  it('refuses an illegal move with a clear message and changes nothing', async () => {
    const j = await makeJurisdiction(t.db);
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'referred' });
    const err = await transitionCase(t.db, actorOf(coord), { caseId: c.id, to: 'completed', version: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect(err.message).toMatch(/cannot become completed/);
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ status: 'referred', version: 1 });
    const [{ n }] = await t.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(n).toBe(0);
  });

  it('refuses completed, unsuccessful and withdrawn outside the closing flow, with a clear message', async () => {
    const j = await makeJurisdiction(t.db);
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'in_progress' });
    for (const move of [{ to: 'completed' as const }, { to: 'returned' as const, reason: 'unsuccessful' as const }, { to: 'returned' as const, reason: 'withdrawn' as const }]) {
      const err = await transitionCase(t.db, actorOf(coord), { caseId: c.id, ...move, version: 1 }).catch((e) => e);
      expect(err).toBeInstanceOf(RuleError);
      expect(err.message).toMatch(/Close the case/);
      expect(err.fieldErrors.to[0]).toMatch(/Close the case/);
    }
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ status: 'in_progress', version: 1, closedAt: null });
    const [{ n }] = await t.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(n).toBe(0);
  });

  it('rejects a stale version: of two edits from the same version only one wins', async () => {
    const j = await makeJurisdiction(t.db);
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'eligible' });
    const results = await Promise.allSettled([
      transitionCase(t.db, actorOf(coord), { caseId: c.id, to: 'offered', version: 1 }),
      transitionCase(t.db, actorOf(coord), { caseId: c.id, to: 'ineligible', version: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    const [{ n }] = await t.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(n).toBe(1);
  });

  it('the database refuses to alter or delete audit history', async () => {
    const j = await makeJurisdiction(t.db);
    const coord = await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' });
    const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'eligible' });
    await transitionCase(t.db, actorOf(coord), { caseId: c.id, to: 'offered', version: 1 });
    const upd = await t.db.execute(sql`update audit_log set action = 'tampered'`).catch((e) => e);
    expect(sqlState(upd)).toBe('42501');
    const del = await t.db.execute(sql`delete from audit_log`).catch((e) => e);
    expect(sqlState(del)).toBe('42501');
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'tampered'));
    expect(n).toBe(0);
  });

  it('enforces integrity in the database: a returned case must carry a reason', async () => {
    const j = await makeJurisdiction(t.db);
    const err = await makeCase(t.db, { jurisdictionId: j.id, status: 'returned' }).catch((e) => e);
    expect(sqlState(err)).toBe('23514');
  });
});
