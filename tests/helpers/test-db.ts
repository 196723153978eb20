import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type OpenDb } from '@/db/open';

let counter = 0;

/**
 * A fresh database for one test file: a copy of the migrated template (optionally with the demo
 * seed) on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set. Call `close()` in afterAll.
 */
export async function createTestDb(kind: 'empty' | 'demo' = 'empty'): Promise<OpenDb> {
  const pgTemplates = inject('pgTemplates');
  if (pgTemplates) {
    const name = `cg_f_${inject('runId')}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 7)}`;
    const admin = new pg.Client({ connectionString: pgTemplates.adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}" template "${pgTemplates[kind]}"`);
    await admin.end();
    const u = new URL(pgTemplates.adminUrl);
    u.pathname = `/${name}`;
    const opened = await openPostgres(u.toString(), 30);
    return {
      ...opened,
      close: async () => {
        await opened.close();
        const a = new pg.Client({ connectionString: pgTemplates.adminUrl });
        await a.connect();
        await a.query(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const file = inject('pgliteTemplates')[kind];
  return openPglite('memory://', new Blob([fs.readFileSync(file)]));
}
