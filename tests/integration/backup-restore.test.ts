import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from '@/db/backup';
import { openPglite, openPostgres, type OpenDb } from '@/db/open';
import { writeAudit } from '@/db/queries/audit';
import { verifyAuditChain } from '@/db/queries/audit-chain';
import type { Db } from '@/db/types';
import { actorOf, userByEmail } from '../helpers/factories';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every table of the app and of the migrator, with its row count and a checksum of its rows. */
async function fingerprint(db: Db) {
  const res = await db.execute<{ schema: string; name: string }>(
    sql`select table_schema as schema, table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of (res as unknown as { rows: { schema: string; name: string }[] }).rows) {
    // Names come from the catalog, never from input.
    const table = sql`${sql.identifier(t.schema)}.${sql.identifier(t.name)}`;
    const r = await db.execute<{ n: number; md5: string }>(sql`select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as md5 from ${table} x`);
    const row = (r as unknown as { rows: { n: number; md5: string }[] }).rows[0];
    out[`${t.schema}.${t.name}`] = { rows: Number(row.n), md5: row.md5 };
  }
  return out;
}

async function addActivity(db: Db) {
  const admin = actorOf(await userByEmail(db, 'admin@demo.test'));
  for (let i = 0; i < 25; i++) await writeAudit(db, admin, { action: 'test.backup', entityType: 'test', entityId: String(i), details: { note: `row ${i} ‘quoted’ “text” <b>` } });
}

describe('db:backup and db:restore on PGlite', () => {
  it('restores identical rows and a valid audit chain, and refuses while a server holds the directory', async () => {
    const dir = path.join(tmp, 'source');
    const template = new Blob([fs.readFileSync(inject('pgliteTemplates').demo)]);
    let opened: OpenDb = await openPglite(dir, template);
    await addActivity(opened.db);
    const before = await fingerprint(opened.db);
    expect(before['public.audit_log'].rows).toBeGreaterThanOrEqual(25);
    await opened.close();

    // A live server (another process) holds the lock: both commands refuse with the lock message.
    const lock = path.join(tmp, 'source.common-ground.lock');
    fs.writeFileSync(lock, String(process.ppid));
    await expect(backupPglite(dir, path.join(tmp, 'x.tar.gz'))).rejects.toThrow(/already open in process/);
    await expect(restorePglite(path.join(tmp, 'x.tar.gz'), dir, { force: true })).rejects.toThrow();
    fs.unlinkSync(lock);

    const file = path.join(tmp, 'backup.tar.gz');
    const result = await backupPglite(dir, file);
    expect(result.bytes).toBeGreaterThan(1000);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);

    const target = path.join(tmp, 'restored');
    await restorePglite(file, target);
    opened = await openPglite(target);
    expect(await fingerprint(opened.db)).toEqual(before);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true, rows: before['public.audit_log'].rows });
    await opened.close();

    // Restoring over an existing database needs --force and keeps the old directory aside.
    await expect(restorePglite(file, target)).rejects.toThrow(/--force/);
    const { previous } = await restorePglite(file, target, { force: true });
    expect(previous && fs.existsSync(previous)).toBe(true);
    await expect(restorePglite(path.join(process.cwd(), 'package.json'), target, { force: true })).rejects.toThrow(/not an embedded-database backup/);
  });
});

// Defined only when the suite runs against PostgreSQL (TEST_DATABASE_URL), as the other engine tests are.
const pgTemplates = inject('pgTemplates');
if (pgTemplates) describe('db:backup and db:restore on PostgreSQL', () => {
  it('restores identical rows and a valid audit chain into an empty database', async () => {
    const admin = new pg.Client({ connectionString: pgTemplates!.adminUrl });
    await admin.connect();
    const suffix = `${inject('runId')}_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
    const source = `cg_bk_src_${suffix}`;
    const target = `cg_bk_dst_${suffix}`;
    await admin.query(`create database "${source}" template "${pgTemplates!.demo}"`);
    await admin.query(`create database "${target}"`);
    const url = (name: string) => {
      const u = new URL(pgTemplates!.adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    };
    try {
      const src = await openPostgres(url(source), 4);
      await addActivity(src.db);
      const before = await fingerprint(src.db);
      await src.close();

      const file = path.join(tmp, 'backup.dump');
      await backupPostgres(url(source), file);
      const isEmpty = async () => {
        const probe = await openPostgres(url(target), 1);
        const r = await probe.db.execute<{ n: number }>(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
        await probe.close();
        return (r as unknown as { rows: { n: number }[] }).rows[0].n === 0;
      };
      await restorePostgres(file, url(target), { isEmpty });
      const dst = await openPostgres(url(target), 2);
      expect(await fingerprint(dst.db)).toEqual(before);
      expect(await verifyAuditChain(dst.db)).toMatchObject({ ok: true, rows: before['public.audit_log'].rows });
      // The restored database keeps enforcing the chain and append-only rules.
      await writeAudit(dst.db, null, { action: 'test.after_restore' });
      expect((await verifyAuditChain(dst.db)).ok).toBe(true);
      await dst.close();
      await expect(restorePostgres(file, url(target), { isEmpty })).rejects.toThrow(/--force/);
    } finally {
      await admin.query(`drop database if exists "${source}" with (force)`);
      await admin.query(`drop database if exists "${target}" with (force)`);
      await admin.end();
    }
  });
});
