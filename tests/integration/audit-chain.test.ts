import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { OpenDb } from '@/db/open';
import { exportAudit, parseAuditFilter, searchAudit, writeAudit } from '@/db/queries/audit';
import { verifyAuditChain } from '@/db/queries/audit-chain';
import { getCase, listCases } from '@/db/queries/cases';
import { auditLog } from '@/db/schema';
import { ForbiddenError } from '@/lib/errors';
import { sqlState } from '@/lib/errors';
import { actorOf, userByEmail } from '../helpers/factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

/** As the database owner/superuser: switch the append-only and chain triggers off to tamper. */
async function tamper(fn: () => Promise<unknown>) {
  await t.db.execute(sql`alter table audit_log disable trigger user`);
  try {
    await fn();
  } finally {
    await t.db.execute(sql`alter table audit_log enable trigger user`);
  }
}

describe('audit log hash chain', () => {
  it('every row gets the next chain_seq and a hash linking it to the previous one', async () => {
    const coord = actorOf(await userByEmail(t.db, 'coordinator@demo.test'));
    const page = await listCases(t.db, coord, { limit: 3 });
    for (const c of page.items) await getCase(t.db, coord, c.id);
    const rows = await t.db.select().from(auditLog).orderBy(auditLog.chainSeq);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    rows.forEach((r, i) => {
      expect(r.chainSeq).toBe(i + 1);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.prevHash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1].hash);
    });
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: true, rows: rows.length, firstBreak: null, head: { chainSeq: rows.length } });
  });

  it('stays one unbroken chain under 60 concurrent writers', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const [{ n: before }] = await t.db.select({ n: count() }).from(auditLog);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await writeAudit(tx, admin, { action: 'test.concurrent', entityType: 'test', entityId: String(i) });
          await writeAudit(tx, admin, { action: 'test.concurrent', entityType: 'test', entityId: `${i}b` });
        }),
      ),
    );
    const [{ n: after }] = await t.db.select({ n: count() }).from(auditLog);
    expect(after - before).toBe(120);
    const report = await verifyAuditChain(t.db, { batchSize: 37 });
    expect(report.ok).toBe(true);
    expect(report.rows).toBe(after);
  });

  it('the app cannot choose chain values: the trigger overwrites them', async () => {
    await t.db.insert(auditLog).values({ action: 'test.forge', chainSeq: 1, prevHash: 'x', hash: 'y' });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'test.forge'));
    expect(row.chainSeq).toBeGreaterThan(1);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    for (const q of [sql`update audit_log set action = 'x' where chain_seq = 1`, sql`delete from audit_log where chain_seq = 1`, sql`truncate audit_log`]) {
      const err = await t.db.execute(q).then(
        () => null,
        (e: unknown) => e,
      );
      expect(sqlState(err)).toBe('42501');
    }
  });

  it('audit:verify finds the first tampered row, a deleted row, and a cut-off tail', async () => {
    const intact = await verifyAuditChain(t.db);
    expect(intact.ok).toBe(true);
    const target = Math.floor(intact.rows / 2);
    const [original] = await t.db.select().from(auditLog).where(eq(auditLog.chainSeq, target));

    await tamper(() => t.db.update(auditLog).set({ details: { reason: 'edited later' } }).where(eq(auditLog.chainSeq, target)));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, rows: target - 1, firstBreak: { chainSeq: target, id: original.id, reason: 'hash_mismatch' } });

    // Recomputing that row's own hash only moves the break to the next link.
    await tamper(() => t.db.execute(sql`update audit_log a set hash = audit_log_row_hash(a.prev_hash, a) where chain_seq = ${target}`));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBreak: { chainSeq: target + 1, reason: 'prev_hash_mismatch' } });

    await tamper(() => t.db.update(auditLog).set({ details: original.details, hash: original.hash }).where(eq(auditLog.chainSeq, target)));
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    await tamper(() => t.db.delete(auditLog).where(eq(auditLog.chainSeq, target + 1)));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBreak: { chainSeq: target + 2, reason: 'sequence_gap' } });

    // Cutting off the newest rows leaves a shorter valid chain; a recorded head exposes it.
    const head = intact.head!;
    await tamper(() => t.db.delete(auditLog).where(sql`${auditLog.chainSeq} >= ${target}`));
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    expect((await verifyAuditChain(t.db, { expectHead: head })).ok).toBe(false);
  });

  it('finds the newest link through the chain_seq index, however small the log was when the session first wrote to it', async () => {
    // A fresh database: the trigger's first call sees an analyzed, empty log. A plan cached then
    // (a sequential scan) would make every later insert read the whole log (migration 0025).
    const fresh = await createTestDb('empty');
    try {
      await fresh.db.transaction(async (tx) => {
        const seqScans = async () => {
          const r = await tx.execute<{ n: number }>(sql`select coalesce(sum(seq_scan), 0)::int as n from pg_stat_xact_user_tables where relname = 'audit_log'`);
          return (r as unknown as { rows: { n: number }[] }).rows[0].n;
        };
        await tx.execute(sql`analyze audit_log`);
        await tx.insert(auditLog).values({ action: 'test.first' });
        await tx.execute(sql`insert into audit_log (action) select 'test.grow' from generate_series(1, 400)`);
        const before = await seqScans();
        for (let i = 0; i < 50; i++) await tx.insert(auditLog).values({ action: 'test.after-growth' });
        expect(await seqScans()).toBe(before);
      });
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true, rows: 451 });
    } finally {
      await fresh.close();
    }
  });
});

describe('audit search and export (admin)', () => {
  it('filters, pages by keyset without gaps or repeats, and stays in the admin’s jurisdiction', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const platte = actorOf(await userByEmail(t.db, 'prosecutor.platte@demo.test'));
    for (let i = 0; i < 7; i++) await writeAudit(t.db, admin, { action: 'test.page', entityType: 'thing', entityId: `p${i}` });
    await writeAudit(t.db, platte, { action: 'test.page', entityType: 'thing', entityId: 'platte-only' });
    await writeAudit(t.db, null, { action: 'auth.sign_in', outcome: 'failure', details: { reason: 'unknown_email' } });

    const seen: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await searchAudit(t.db, admin, { action: 'test.page', limit: 3, before });
      seen.push(...page.items.map((r) => r.entityId!));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(['p6', 'p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
    const failures = await searchAudit(t.db, admin, { action: 'auth.', outcome: 'failure' });
    expect(failures.items.some((r) => r.actorEmail === null)).toBe(true);
    const byActor = await searchAudit(t.db, admin, { actor: 'ADMIN@demo', action: 'test.page', limit: 100 });
    expect(byActor.items).toHaveLength(7);
    const wildcard = await searchAudit(t.db, admin, { actor: '%', limit: 5 });
    expect(wildcard.items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await searchAudit(t.db, admin, { action: 'test.page', from: today, to: today, limit: 100 })).items).toHaveLength(7);
    expect((await searchAudit(t.db, admin, { action: 'test.page', to: '2000-01-01' })).items).toHaveLength(0);
    await expect(searchAudit(t.db, actorOf(await userByEmail(t.db, 'coordinator@demo.test')), {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('drops invalid query parameters instead of failing', () => {
    const { filter, invalid } = parseAuditFilter({ outcome: 'maybe', from: '2026-02-31', before: '-4', action: 'auth.', limit: 'lots' });
    expect(invalid.sort()).toEqual(['before', 'from', 'limit', 'outcome']);
    expect(filter).toMatchObject({ action: 'auth.', limit: 50 });
    // A NUL or other control character cannot be searched for (PostgreSQL text cannot hold NUL).
    const hostile = parseAuditFilter({ actor: '\u0000', entityId: 'a\u001bb', action: 'case.' });
    expect(hostile.invalid.sort()).toEqual(['actor', 'entityId']);
    expect(hostile.filter).toMatchObject({ action: 'case.' });
  });

  it('drops dates PostgreSQL cannot take (year 0, or a `to` whose next day is in year 10000) instead of failing', async () => {
    // Found by hand: /admin/audit?to=9999-12-31, ?from=0000-01-01 and ?to=0000-01-01 answered 500
    // (SQLSTATE 22008 / 22009): z.iso.date() takes year 0, and `to` is searched up to the next day.
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    for (const params of [{ to: '9999-12-31' }, { from: '0000-01-01' }, { to: '0000-01-01' }, { from: '0000-12-31', to: '9999-12-31' }]) {
      const { filter, invalid } = parseAuditFilter({ ...params, action: 'test.page' });
      expect(invalid.sort(), JSON.stringify(params)).toEqual(Object.keys(params).sort());
      expect(filter).toMatchObject({ action: 'test.page' });
      expect([filter.from, filter.to]).toEqual([undefined, undefined]);
      // What the page does next: the search runs without the dropped dates.
      expect((await searchAudit(t.db, admin, { ...filter, limit: 100 })).items).toHaveLength(7);
      // The data layer refuses them as input, never sending them to the database.
      await expect(searchAudit(t.db, admin, { ...params, action: 'test.page' })).rejects.toBeInstanceOf(ZodError);
    }
    // The widest range still allowed reaches the database, on both engines.
    const widest = parseAuditFilter({ from: '0001-01-01', to: '9999-12-30', action: 'test.page' });
    expect(widest.invalid).toEqual([]);
    expect((await searchAudit(t.db, admin, { ...widest.filter, limit: 100 })).items).toHaveLength(7);
    expect((await searchAudit(t.db, admin, { from: '9999-12-30', action: 'test.page' })).items).toHaveLength(0);
    expect((await searchAudit(t.db, admin, { to: '0001-01-01', action: 'test.page' })).items).toHaveLength(0);
    let exported = 0;
    for await (const batch of exportAudit(t.db, admin, widest.filter)) exported += batch.length;
    expect(exported).toBe(7);
  });

  it('writes no audit.export row when the export cannot start', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    const exportsSoFar = async () => (await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'audit.export')))[0].n;
    const before = await exportsSoFar();
    await expect(exportAudit(t.db, admin, { to: '9999-12-31' }).next()).rejects.toBeInstanceOf(ZodError);
    await expect(exportAudit(t.db, admin, { from: '0000-01-01' }).next()).rejects.toBeInstanceOf(ZodError);
    expect(await exportsSoFar()).toBe(before);
  });

  it('records details holding a NUL character instead of failing the audited change', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    await writeAudit(t.db, admin, { action: 'test.nul', details: { typed: 'a\u0000b', nested: [{ v: '\u0000' }] } });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'test.nul'));
    expect(row.details).toEqual({ typed: 'a\ufffdb', nested: [{ v: '\ufffd' }] });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('records a refused request whose entity id from the URL holds a NUL character', async () => {
    // Found by the route fuzzer: GET /api/cases/%00/agreement-pdf audited the denial with entity id "\0".
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    await writeAudit(t.db, admin, { action: 'test.nul-id', outcome: 'denied', entityType: 'case', entityId: 'a\u0000b' });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'test.nul-id'));
    expect(row.entityId).toBe('a\ufffdb');
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('exports every matching row and records the export itself', async () => {
    const admin = actorOf(await userByEmail(t.db, 'admin@demo.test'));
    let rows = 0;
    for await (const batch of exportAudit(t.db, admin, { action: 'test.page' })) rows += batch.length;
    expect(rows).toBe(7);
    const [exp] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'audit.export'), eq(auditLog.actorUserId, admin.userId)));
    expect(exp.details).toMatchObject({ filter: { action: 'test.page' } });
  });
});
