/**
 * Runs once per `vitest run`: builds migrated database templates so each test file starts from a
 * fresh copy in well under a second instead of migrating from scratch.
 * - PGlite: a data-directory dump (empty schema, and one with the demo seed).
 * - PostgreSQL (TEST_DATABASE_URL set): template databases; files clone them with CREATE DATABASE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDb } from '@/db/migrate';
import { openPglite, openPostgres } from '@/db/open';
import { seedDemo } from '@/db/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplates: { empty: string; demo: string };
    pgTemplates: { empty: string; demo: string; adminUrl: string } | null;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-test-'));
  const templates = { empty: path.join(dir, 'empty.tar'), demo: path.join(dir, 'demo.tar') };
  for (const kind of ['empty', 'demo'] as const) {
    const opened = await openPglite('memory://');
    await migrateDb(opened.db, 'pglite');
    if (kind === 'demo') await seedDemo(opened.db);
    const client = (opened.db as unknown as { $client: { dumpDataDir: (c: 'none') => Promise<Blob> } }).$client;
    const blob = await client.dumpDataDir('none');
    fs.writeFileSync(templates[kind], Buffer.from(await blob.arrayBuffer()));
    await opened.close();
  }
  project.provide('pgliteTemplates', templates);
  project.provide('runId', runId);

  const url = process.env.TEST_DATABASE_URL;
  let pgTemplates: { empty: string; demo: string; adminUrl: string } | null = null;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    pgTemplates = { empty: `cg_tpl_${runId}_empty`, demo: `cg_tpl_${runId}_demo`, adminUrl: url };
    for (const kind of ['empty', 'demo'] as const) {
      const name = pgTemplates[kind];
      await admin.query(`create database "${name}"`);
      const opened = await openPostgres(withDatabase(url, name), 2);
      await migrateDb(opened.db, 'postgres');
      if (kind === 'demo') await seedDemo(opened.db);
      await opened.close();
    }
    await admin.end();
  }
  project.provide('pgTemplates', pgTemplates);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url && pgTemplates) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // Drop this run's databases (templates and per-file clones).
      const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`cg_%${runId}%`]);
      for (const r of rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
