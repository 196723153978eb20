/**
 * Slot finder: the pure algorithm for 50 and 200 volunteers over 4 weeks, and the whole search
 * (queries + algorithm) on PGlite and PostgreSQL, with the number of SQL statements per search
 * counted by a drizzle logger (it must not grow with the number of volunteers).
 * Targets (issue 4): algorithm ≤ 5 ms p95 at 50; 200 ≤ 4.5× the 50 time; end to end ≤ 30 ms on
 * PostgreSQL and ≤ 60 ms on PGlite.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PGlite } from '@electric-sql/pglite';
import { migrateDb } from '@/db/migrate';
import { openPglite, openPostgres } from '@/db/open';
import { findProposals } from '@/db/queries/scheduling';
import * as schema from '@/db/schema';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { findSlots, type SlotSearch, type SlotVolunteer, type WeeklyWindow } from '@/lib/domain/slot-finder';
import { percentile, round, timeIt, type Bench, type Measure } from './types';

const TZ = 'America/Chicago';
const H = (h: number, m = 0) => h * 60 + m;

/** Deterministic volunteer i: three or four evenings, some Saturday mornings, a few booked seats. */
function windowsOf(i: number): WeeklyWindow[] {
  const days = [1, 2, 3, 4, 5].filter((d) => (d + i) % 5 !== 0);
  return [...days.map((weekday) => ({ weekday, start: H(17, 30), end: H(21) })), ...(i % 3 === 0 ? [{ weekday: 6, start: H(9), end: H(13) }] : [])];
}
function busyOf(i: number, now: number) {
  return [0, 1, 2, 3].map((k) => {
    const start = now + (3 + k * 6 + (i % 5)) * 1440 + 18 * 60 + 360;
    return { start, end: start + 60 };
  });
}

export function syntheticSearch(n: number, now: number): SlotSearch {
  const volunteers: SlotVolunteer[] = Array.from({ length: n }, (_, i) => ({
    id: `v${String(i).padStart(4, '0')}`,
    eligible: i % 17 !== 5,
    eligibleUntil: i % 11 === 3 ? new Date((now + 14 * 1440) * 60_000).toISOString().slice(0, 10) : null,
    canChair: i % 8 === 0,
    conflicted: i === 7,
    languages: i % 4 === 0 ? ['en', 'es'] : ['en'],
    needsAccessibleVenue: i % 13 === 0,
    weekly: windowsOf(i),
    exceptions: i % 9 === 0 ? [{ date: new Date((now + 8 * 1440) * 60_000).toISOString().slice(0, 10), kind: 'unavailable', start: null, end: null }] : [],
    busy: busyOf(i, now),
    monthlyLimit: 4 + (i % 3),
    monthlyCounts: {},
    load: i % 6,
  }));
  const venues = Array.from({ length: 6 }, (_, k) => ({
    id: `room${k}`,
    name: `Room ${k}`,
    video: k >= 4,
    accessible: k !== 2,
    hours: k >= 4 ? [] : [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: H(9), end: H(21) })),
    busy: [0, 1, 2].map((d) => ({ start: now + (2 + d * 5 + k) * 1440 + 24 * 60, end: now + (2 + d * 5 + k) * 1440 + 25 * 60 })),
  }));
  return {
    timeZone: TZ,
    now,
    horizonWeeks: 4,
    durationMinutes: 60,
    stepMinutes: 30,
    minLeadMinutes: 24 * 60,
    quorum: 3,
    requireChair: true,
    count: 5,
    volunteers,
    venues,
    participant: { windows: [], videoOk: true, inPersonOk: true, needsAccessibleVenue: false, transportNeeded: false, language: 'es', busy: [] },
  };
}

/** One board of n volunteers with profiles, availability, seats on earlier hearings, six venues and one case. */
export async function seedBoard(db: Db, n: number): Promise<{ actor: Actor; caseId: string }> {
  const { jurisdictions, users, boards, boardMemberships, volunteerProfiles, volunteerAvailability, venues, participants, cases, caseAssignments, hearings, hearingPanelists } = schema;
  const [j] = await db
    .insert(jurisdictions)
    .values({ slug: `bench-${n}-${Date.now()}`, name: 'Bench County', timeZone: TZ, settings: { divertsCases: true, offerDeadlineDays: 10, firstHearingTargetDays: 14, firstHearingAlertDays: 10, agreementLengthDays: 90, panelQuorum: 3, smsQuietHours: { start: '21:00', end: '08:00' }, helpPhone: '', programName: 'Bench' } })
    .returning();
  const [coord] = await db.insert(users).values({ jurisdictionId: j.id, email: `coord-${j.slug}@bench.test`, name: 'Coordinator', role: 'coordinator' }).returning();
  const [board] = await db.insert(boards).values({ jurisdictionId: j.id, name: 'Bench board' }).returning();
  const vols = await db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ jurisdictionId: j.id, email: `v${i}-${j.slug}@bench.test`, name: `Volunteer ${i}`, role: 'volunteer' as const })))
    .returning({ id: users.id });
  const today = new Date();
  const iso = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  await db.insert(boardMemberships).values(vols.map((v, i) => ({ boardId: board.id, userId: v.id, role: i % 8 === 0 ? ('chair' as const) : ('member' as const), termStart: iso(-100), termEnd: i % 8 === 0 ? iso(200) : iso(700) })));
  await db.insert(volunteerProfiles).values(vols.map((v, i) => ({ userId: v.id, jurisdictionId: j.id, backgroundCheckDate: iso(-100), backgroundCheckExpires: i % 11 === 3 ? iso(14) : iso(600), trainingHours: i % 17 === 5 ? 10 : 18, hearingsObserved: 3, confidentialitySignedAt: iso(-90), languages: i % 4 === 0 ? ['en', 'es'] : ['en'], lastName: `V${i}` })));
  const avail = vols.flatMap((v, i) => windowsOf(i).map((w) => ({ userId: v.id, jurisdictionId: j.id, weekday: w.weekday, startMinute: w.start, endMinute: w.end })));
  for (let k = 0; k < avail.length; k += 500) await db.insert(volunteerAvailability).values(avail.slice(k, k + 500));
  const rooms = await db
    .insert(venues)
    .values(Array.from({ length: 6 }, (_, k) => (k >= 4 ? { jurisdictionId: j.id, name: `Video ${k}`, kind: 'video' as const, meetingUrl: `https://meet.example.org/${k}` } : { jurisdictionId: j.id, name: `Room ${k}`, kind: 'library' as const, addressLine: `${k} Main St`, hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: H(9), end: H(21) })) })))
    .returning({ id: venues.id });
  const [p] = await db.insert(participants).values({ jurisdictionId: j.id, firstName: 'Pat', lastName: 'Bench', dateOfBirth: '1999-01-01', zip: '64124' }).returning();
  const [c] = await db.insert(cases).values({ jurisdictionId: j.id, participantId: p.id, externalCaseNumber: `B-${n}`, referringAgency: 'KCPD', incidentDate: '2026-10-01', status: 'assigned' }).returning();
  await db.insert(caseAssignments).values({ caseId: c.id, boardId: board.id, reason: 'bench' });
  // Earlier bookings: one hearing per 3 volunteers (seats for 3 of them), so seats ≈ volunteers.
  const others = await db
    .insert(participants)
    .values(Array.from({ length: Math.ceil(n / 3) }, (_, k) => ({ jurisdictionId: j.id, firstName: 'Other', lastName: `P${k}`, dateOfBirth: '1990-01-01', zip: '64124' })))
    .returning({ id: participants.id });
  const otherCases = await db
    .insert(cases)
    .values(others.map((o, k) => ({ jurisdictionId: j.id, participantId: o.id, externalCaseNumber: `BO-${n}-${k}`, referringAgency: 'KCPD', incidentDate: '2026-10-01', status: 'hearing_scheduled' as const })))
    .returning({ id: cases.id, participantId: cases.participantId });
  for (const [k, oc] of otherCases.entries()) {
    const start = new Date(Math.floor(today.getTime() / 3_600_000) * 3_600_000 + (2 + (k % 25)) * 86_400_000 + (k % 3) * 3_600_000);
    const [h] = await db.insert(hearings).values({ jurisdictionId: j.id, caseId: oc.id, participantId: oc.participantId, boardId: board.id, startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), venueId: rooms[k % 6].id }).returning({ id: hearings.id });
    const seatIds = [vols[(k * 3) % n].id, vols[(k * 3 + 1) % n].id, vols[(k * 3 + 2) % n].id];
    await db.insert(hearingPanelists).values(seatIds.map((userId, s) => ({ hearingId: h.id, userId, role: s === 0 ? ('chair' as const) : ('member' as const) }))).catch(() => undefined);
  }
  return { actor: { userId: coord.id, role: 'coordinator', jurisdictionId: j.id, name: 'Coordinator', email: coord.email, locale: 'en' }, caseId: c.id };
}

async function endToEnd(engine: 'pglite' | 'postgres', pgUrl: string, quick: boolean): Promise<Measure[]> {
  let close: () => Promise<void>;
  let plain: Db;
  let counted: Db;
  const counter = { n: 0 };
  const logger = { logQuery: () => void counter.n++ };
  let dropDb: (() => Promise<void>) | null = null;
  if (engine === 'pglite') {
    const opened = await openPglite('memory://');
    await migrateDb(opened.db, 'pglite');
    plain = opened.db;
    const client = (opened.db as unknown as { $client: PGlite }).$client;
    counted = drizzlePglite({ client, schema, casing: 'snake_case', logger }) as unknown as Db;
    close = opened.close;
  } else {
    const name = `cg_bench_slots_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const opened = await openPostgres(u.toString(), 10);
    await migrateDb(opened.db, 'postgres');
    plain = opened.db;
    const pool = new pg.Pool({ connectionString: u.toString(), max: 10 });
    // Dropping the database at the end ends idle connections; that is expected, not an error.
    pool.on('error', () => undefined);
    (opened.db as unknown as { $client: pg.Pool }).$client.on('error', () => undefined);
    counted = drizzlePg({ client: pool, schema, casing: 'snake_case', logger }) as unknown as Db;
    close = async () => {
      await pool.end();
      await opened.close();
    };
    dropDb = async () => {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  }
  const out: Measure[] = [];
  try {
    for (const n of [50, 200]) {
      const { actor, caseId } = await seedBoard(plain, n);
      await plain.execute(sql`analyze`);
      counter.n = 0;
      const r = await findProposals(counted, actor, { caseId });
      const queries = counter.n;
      const times = await timeIt(quick ? 15 : 60, () => findProposals(plain, actor, { caseId }), 5);
      out.push({ name: `slot-finder.e2e.${n}`, engine, cases: n, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), queries, proposals: r.proposals.length, target_p95_ms: engine === 'postgres' ? 30 : 60 });
    }
  } finally {
    await close();
    if (dropDb) await dropDb();
  }
  return out;
}

const bench: Bench = {
  name: 'slot-finder',
  async run({ quick, pgUrl }) {
    const now = Math.floor(Date.now() / 60_000);
    const out: Measure[] = [];
    const algo: Record<number, number[]> = {};
    for (const n of [50, 200]) {
      const q = syntheticSearch(n, now);
      const found = findSlots(q).proposals.length;
      const runs = quick ? 50 : 300;
      const cpu0 = process.cpuUsage();
      algo[n] = await timeIt(runs, () => findSlots(q), 20);
      const cpu = process.cpuUsage(cpu0);
      // CPU time per search as well as wall time: on a shared machine the wall time includes waiting for a core.
      out.push({ name: `slot-finder.algorithm.${n}`, engine: 'none', cases: n, p50_ms: round(percentile(algo[n], 50), 3), p95_ms: round(percentile(algo[n], 95), 3), cpu_ms_mean: round((cpu.user + cpu.system) / 1000 / (runs + 20), 3), proposals: found, weeks: 4, target_p95_ms: n === 50 ? 5 : undefined });
    }
    const ratio = percentile(algo[200], 50) / percentile(algo[50], 50);
    out.push({ name: 'slot-finder.algorithm.ratio_200_to_50', engine: 'none', cases: 200, ratio_p50: round(ratio, 2), target_ratio: 4.5 });
    out.push(...(await endToEnd('pglite', pgUrl, quick)));
    try {
      out.push(...(await endToEnd('postgres', pgUrl, quick)));
    } catch (err) {
      console.warn(`PostgreSQL part skipped: ${(err as Error).message}`);
    }
    return out;
  },
};

export default bench;
