/**
 * The unfiltered dashboard sums the jurisdiction-wide grain (whole months from month rows, edge
 * days from day rows); a place filter sums the per-place day grain. These tests prove both give
 * the SAME dashboard, measure for measure, over ranges that start and end mid-month, span year
 * ends, or are single days — after a rebuild, after case changes through the lifecycle, after
 * fillMissingCaseFacts, after the migration's backfill and after the bulk load generator — and
 * that the incremental rows always equal a rebuild. On PostgreSQL, parallel case changes sharing
 * the same hot month rows all succeed and leave the rows equal to a rebuild.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { generateLoad } from '@/db/load/generate';
import type { OpenDb } from '@/db/open';
import { closeCase } from '@/db/queries/case-closures';
import { fillMissingCaseFacts, rebuildCaseFacts, rebuildDashboardAggregates, refreshCaseFacts } from '@/db/queries/case-facts';
import { getDashboard, readDashboard } from '@/db/queries/dashboard';
import { placeSources, rawSources } from '@/db/queries/dashboard-sources';
import { dashboardPeriods, dashboardPeriodTallies } from '@/db/schema';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { actorOf, makeCase, makeUser } from '../helpers/factories';
import { makeFactCase, makeOutcomesWorld, makePastHearing } from '../helpers/outcomes-factories';
import { snapshot } from '../helpers/dashboard-snapshot';
import { createTestDb } from '../helpers/test-db';

const DAY = 86_400_000;
const NOW = new Date('2026-03-20T18:00:00Z');

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

/** Ranges chosen to hit every edge of the month split (the jurisdiction is in America/Chicago). */
const RANGES: [string, string][] = [
  ['2024-11-15', '2026-02-10'], // mid-month to mid-month over two year ends
  ['2025-01-01', '2025-12-31'], // whole months only
  ['2024-12-31', '2025-01-01'], // two days across a year end
  ['2025-01-31', '2025-01-31'], // single days, including local days that are the next day in UTC
  ['2025-02-01', '2025-02-01'],
  ['2025-03-01', '2025-03-31'], // one whole month
  ['2025-02-28', '2025-03-01'],
  ['2024-12-15', '2025-01-15'], // two partial months, no whole one
  ['2025-06-30', '2025-06-01'], // ends before it starts: nothing
  ['2000-01-01', '2030-12-31'], // everything
];

/**
 * The dashboard from both grains for one jurisdiction and range, and computed from the raw tables
 * with no pre-aggregate at all (rawSources: the benchmark's baseline): all three must be equal.
 */
async function bothGrains(db: Db, actor: Actor, range: { from?: string; to?: string }) {
  const wide = await getDashboard(db, actor, range, NOW);
  const perPlace = await readDashboard(db, actor.jurisdictionId, wide.filter, placeSources(actor.jurisdictionId, wide.filter), NOW);
  const raw = await readDashboard(db, actor.jurisdictionId, wide.filter, rawSources(actor.jurisdictionId, wide.filter), NOW);
  expect(raw, `raw tables ${wide.filter.from}..${wide.filter.to}`).toEqual(wide);
  return { wide, perPlace };
}

/** Cases referred in the range, straight from case_facts (the truth both grains sum). */
async function rawReferred(db: Db, jurisdictionId: string, from: string, to: string) {
  const r = (await db.execute(sql`select count(*)::int as n from case_facts where jurisdiction_id = ${jurisdictionId} and referred_day between ${from}::date and ${to}::date`)) as unknown as { rows: { n: number }[] };
  return r.rows[0].n;
}

async function expectSameEverywhere(db: Db, actor: Actor, ranges: [string, string][] = RANGES) {
  let seen = 0;
  for (const [from, to] of ranges) {
    const { wide, perPlace } = await bothGrains(db, actor, { from, to });
    expect(wide, `${from}..${to}`).toEqual(perPlace);
    expect(wide.referred, `${from}..${to}`).toBe(await rawReferred(db, actor.jurisdictionId, from, to));
    seen += wide.referred;
  }
  // The default window (the last 12 months to NOW) too.
  const { wide, perPlace } = await bothGrains(db, actor, {});
  expect(wide).toEqual(perPlace);
  expect(seen).toBeGreaterThan(0);
}

/** Non-zero rows of the jurisdiction-wide grain (a case's −1 leaves zero rows behind; a rebuild does not). */

/** A small deterministic generator, so the dataset is the same on every run and engine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * ~160 cases referred November 2024 – February 2026, over both boards, no board, two
 * neighborhoods and mixed demographics; every outcome; some referred at 03:00–05:59 UTC (the
 * previous local day in Chicago, so month and year edges fall differently in UTC and locally).
 */
async function buildWorld() {
  const w = await makeOutcomesWorld(t.db);
  const rnd = prng(20261127);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const start = Date.UTC(2024, 10, 1);
  const span = Date.UTC(2026, 2, 1) - start;
  const completed: { id: string; participantId: string; closedAt: Date }[] = [];
  const edges = ['2024-12-01T04:30:00Z', '2025-01-01T05:15:00Z', '2025-02-01T03:10:00Z', '2025-03-01T05:59:00Z', '2026-01-01T04:00:00Z'];
  for (let i = 0; i < 160; i++) {
    const referredAt = i < edges.length ? new Date(edges[i]) : new Date(start + Math.floor(rnd() * span));
    const base = {
      referredAt,
      race: pick(['white', 'black', 'asian', 'unknown'] as const),
      ethnicity: pick(['hispanic', 'not_hispanic'] as const),
      sex: pick(['male', 'female'] as const),
      zip: pick(['64124', '64108']),
      boardId: pick([w.boards.northeast.id, w.boards.westside.id, undefined]),
    };
    const roll = rnd();
    const firstHearingAt = new Date(referredAt.getTime() + (3 + Math.floor(rnd() * 12)) * DAY);
    if (roll < 0.2) {
      await makeFactCase(t.db, w, { ...base, boardId: undefined, decision: 'ineligible', ineligibleKinds: rnd() < 0.5 ? ['weapon_involved'] : ['violence_in_incident', 'weapon_involved'], status: 'returned', returnReason: 'ineligible', closedAt: referredAt });
    } else if (roll < 0.3) {
      await makeFactCase(t.db, w, { ...base, decision: 'eligible', offer: 'declined', status: 'returned', returnReason: 'declined', closedAt: new Date(referredAt.getTime() + DAY) });
    } else if (roll < 0.65) {
      const closedAt = new Date(referredAt.getTime() + (20 + Math.floor(rnd() * 40)) * DAY);
      const c = await makeFactCase(t.db, w, { ...base, decision: 'eligible', offer: 'accepted', status: 'completed', closedAt, firstHearingAt });
      completed.push({ id: c.id, participantId: c.participantId, closedAt });
      if (rnd() < 0.3) await makePastHearing(t.db, w, c, firstHearingAt, rnd() < 0.7 ? 'held' : 'no_show_participant');
    } else if (roll < 0.75) {
      await makeFactCase(t.db, w, { ...base, decision: 'eligible', offer: 'accepted', status: 'returned', returnReason: 'unsuccessful', closedAt: new Date(referredAt.getTime() + 50 * DAY), firstHearingAt });
    } else if (roll < 0.9) {
      await makeFactCase(t.db, w, { ...base, decision: 'eligible', offer: 'accepted', status: 'in_progress', firstHearingAt });
    } else {
      await makeFactCase(t.db, w, { ...base, decision: rnd() < 0.5 ? 'eligible' : null, status: rnd() < 0.5 ? 'assigned' : 'referred' });
    }
  }
  // Re-referrals of some completed participants, 2 to 20 months after completing.
  for (const c of completed.slice(0, 12)) {
    const referredAt = new Date(c.closedAt.getTime() + (60 + Math.floor(rnd() * 540)) * DAY);
    await makeFactCase(t.db, w, { referredAt, participantId: c.participantId, boardId: w.boards.westside.id, decision: 'eligible', offer: 'accepted', status: 'in_progress', firstHearingAt: new Date(referredAt.getTime() + 5 * DAY) });
  }
  await rebuildCaseFacts(t.db, w.j.id);
  return w;
}

describe('the jurisdiction-wide grain gives the same dashboard as the per-place grain', () => {
  let w: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    w = await buildWorld();
  });

  it('after a rebuild: every range, including mid-month edges, year ends and single days', async () => {
    await expectSameEverywhere(t.db, w.prosecutor);
    // The local-midnight cases land on their local day: 2025-01-01T05:15Z is 2024-12-31 in Chicago.
    const { wide } = await bothGrains(t.db, w.prosecutor, { from: '2024-12-31', to: '2024-12-31' });
    expect(wide.referred).toBeGreaterThanOrEqual(1);
  });

  it('after case changes through the lifecycle (closing, returning, a re-referral), in the same transactions', async () => {
    const at = new Date('2025-01-31T23:30:00Z'); // 17:30 on 31 January in Chicago
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await makeCase(t.db, { jurisdictionId: w.j.id, status: 'in_progress', boardId: w.boards.northeast.id, referredAt: new Date(at.getTime() + i * 6 * 3_600_000) }));
    for (const c of made) await t.db.transaction((tx) => refreshCaseFacts(tx, c.id));
    await closeCase(t.db, w.coordinator, { caseId: made[0].id, version: made[0].version, outcome: 'completed' }, new Date('2025-04-10T15:00:00Z'));
    await closeCase(t.db, w.coordinator, { caseId: made[1].id, version: made[1].version, outcome: 'withdrawn', summary: 'Moved out of the county.' }, new Date('2025-04-11T15:00:00Z'));
    await closeCase(t.db, w.coordinator, { caseId: made[2].id, version: made[2].version, outcome: 'completed' }, new Date('2025-12-31T23:00:00Z'));
    const again = await makeCase(t.db, { jurisdictionId: w.j.id, participantId: made[0].participantId, status: 'referred', referredAt: new Date('2025-06-01T04:00:00Z') });
    await t.db.transaction((tx) => refreshCaseFacts(tx, again.id));
    await expectSameEverywhere(t.db, w.prosecutor);

    const incremental = await snapshot(t.db, w.j.id);
    await rebuildDashboardAggregates(t.db, w.j.id);
    expect(await snapshot(t.db, w.j.id)).toEqual(incremental);
    await expectSameEverywhere(t.db, w.prosecutor);
  });

  it('fillMissingCaseFacts rebuilds the grain when it is missing', async () => {
    const before = await snapshot(t.db);
    await t.db.execute(sql`delete from dashboard_periods`);
    await t.db.execute(sql`delete from dashboard_period_tallies`);
    await fillMissingCaseFacts(t.db);
    expect(await snapshot(t.db)).toEqual(before);
    await expectSameEverywhere(t.db, w.prosecutor);
  });

  it("the migration's backfill from the per-place rows equals a rebuild", async () => {
    const before = await snapshot(t.db);
    await t.db.execute(sql`delete from dashboard_periods`);
    await t.db.execute(sql`delete from dashboard_period_tallies`);
    const dir = path.join(process.cwd(), 'db', 'migrations');
    const file = fs.readdirSync(dir).find((f) => f.endsWith('_dashboard_grains_backfill.sql'))!;
    for (const stmt of fs.readFileSync(path.join(dir, file), 'utf8').split('--> statement-breakpoint')) await t.db.execute(sql.raw(stmt));
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a year-0 date (which PostgreSQL has not) is a validation error, not a database error', async () => {
    await expect(getDashboard(t.db, w.prosecutor, { from: '0000-01-01', to: '2025-01-01' }, NOW)).rejects.toBeInstanceOf(ZodError);
    const early = await getDashboard(t.db, w.prosecutor, { from: '0001-01-01', to: '2025-01-31' }, NOW);
    expect(early.referred).toBe(await rawReferred(t.db, w.j.id, '0001-01-01', '2025-01-31'));
  });

  it('the database refuses a month row that does not start on the 1st, and an unknown grain', async () => {
    const row = { jurisdictionId: w.j.id, race: 'white', ethnicity: 'hispanic', sex: 'male', ageBand: '25_34' } as const;
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { cause?: { code?: string } }) => e.cause?.code);
    expect(await code(t.db.insert(dashboardPeriods).values({ ...row, grain: 'month', periodStart: '2025-01-15' }))).toBe('23514');
    expect(await code(t.db.insert(dashboardPeriods).values({ ...row, grain: 'year' as never, periodStart: '2025-01-01' }))).toBe('23514');
    expect(await code(t.db.insert(dashboardPeriodTallies).values({ jurisdictionId: w.j.id, grain: 'month', periodStart: '2025-02-02', measure: 'return_reason', value: 'declined', count: 1 }))).toBe('23514');
  });

  it('a place filter still reads the per-place grain: board and neighborhood figures add up', async () => {
    const range = { from: '2024-11-15', to: '2026-02-10' };
    const all = await getDashboard(t.db, w.prosecutor, range, NOW);
    const ne = await getDashboard(t.db, w.prosecutor, { ...range, boardId: w.boards.northeast.id }, NOW);
    const ws = await getDashboard(t.db, w.prosecutor, { ...range, boardId: w.boards.westside.id }, NOW);
    const r = (await t.db.execute(sql`select count(*)::int as n from case_facts where jurisdiction_id = ${w.j.id} and board_id is null and referred_day between ${range.from}::date and ${range.to}::date`)) as unknown as { rows: { n: number }[] };
    expect(ne.referred + ws.referred + r.rows[0].n).toBe(all.referred);
    expect(ne.referred).toBeGreaterThan(0);
  });
});

describe('the bulk load path fills the jurisdiction-wide grain too', () => {
  it('generated load: both grains agree, and the rows equal a rebuild', async () => {
    const opened = await createTestDb('empty');
    const db = opened.db;
    try {
      await generateLoad(db, { cases: 1200, seed: 11, now: NOW });
      const r = (await db.execute(sql`select jurisdiction_id as id from case_facts group by 1 order by count(*) desc limit 1`)) as unknown as { rows: { id: string }[] };
      const actor = actorOf(await makeUser(db, { jurisdictionId: r.rows[0].id, role: 'coordinator' }));
      await expectSameEverywhere(db, actor, [
        ['2023-03-15', '2026-03-20'],
        ['2024-12-15', '2025-02-14'],
        ['2025-07-04', '2025-07-04'],
        ['2025-01-01', '2025-06-30'],
      ]);
      const loaded = await snapshot(db);
      await rebuildDashboardAggregates(db);
      expect(await snapshot(db)).toEqual(loaded);
    } finally {
      await opened.close();
    }
  });
});
