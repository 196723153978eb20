/**
 * Races on the jurisdiction-wide dashboard rows (PostgreSQL only: PGlite runs one statement at a
 * time, so vitest.config.mts leaves this file out of the PGlite pass). Every case of a month and
 * demographic cell shares one month row, so parallel changes queue on it: none may fail, deadlock
 * or lose a count.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { closeCase } from '@/db/queries/case-closures';
import { rebuildCaseFacts, rebuildDashboardAggregates } from '@/db/queries/case-facts';
import { getDashboard } from '@/db/queries/dashboard';
import { createReferral } from '@/db/queries/referrals';
import { dashboardPeriods } from '@/db/schema';
import { makeCase } from '../helpers/factories';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { makeOutcomesWorld } from '../helpers/outcomes-factories';
import { createTestDb } from '../helpers/test-db';
import { snapshot } from '../helpers/dashboard-snapshot';

const DAY = 86_400_000;
const NOW = new Date('2026-03-20T18:00:00Z');

let t: OpenDb;
beforeAll(async () => {
  if (!inject('pgTemplates')) throw new Error('These races need PostgreSQL: run with TEST_DATABASE_URL.');
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

describe('parallel case changes on the hot jurisdiction-wide rows (PostgreSQL)', { timeout: 120_000 }, () => {
  it('24 cases of one month and cell closed at once and 16 referrals at once: all succeed, rows equal a rebuild', async () => {
    const w = await makeOutcomesWorld(t.db);
    const at = new Date('2025-05-05T15:00:00Z');
    const made = [];
    for (let i = 0; i < 24; i++) made.push(await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id, referredAt: new Date(at.getTime() + (i % 3) * DAY) }));
    await rebuildCaseFacts(t.db, w.j.id);
    const closed = await Promise.allSettled(
      made.map((c, i) => closeCase(t.db, w.coordinator, i % 4 === 0 ? { caseId: c.id, version: c.version, outcome: 'withdrawn', summary: 'Asked to leave the program.' } : { caseId: c.id, version: c.version, outcome: 'completed' }, new Date('2025-06-20T15:00:00Z'))),
    );
    expect(closed.filter((x) => x.status === 'rejected')).toEqual([]);

    const intake = await makeIntakeJurisdiction(t.db);
    const referred = await Promise.allSettled(Array.from({ length: 16 }, () => createReferral(t.db, intake.prosecutor, referralInput(), { channel: 'api' })));
    expect(referred.filter((x) => x.status === 'rejected')).toEqual([]);

    for (const j of [w.j.id, intake.prosecutor.jurisdictionId]) {
      const incremental = await snapshot(t.db, j);
      await rebuildDashboardAggregates(t.db, j);
      expect(await snapshot(t.db, j)).toEqual(incremental);
    }
    const d = await getDashboard(t.db, w.prosecutor, { from: '2025-05-01', to: '2025-05-31' }, NOW);
    expect(d.completion).toMatchObject({ completed: 18, returned: 6 });
    const rows = await t.db.select().from(dashboardPeriods).where(and(eq(dashboardPeriods.jurisdictionId, w.j.id), eq(dashboardPeriods.grain, 'month')));
    expect(rows.reduce((s, r) => s + r.completed, 0)).toBe(18);
  });
});
