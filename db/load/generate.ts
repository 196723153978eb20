import 'server-only';
import { count, sql } from 'drizzle-orm';
import { jurisdictions } from '../schema';
import { hashPassword } from '@/lib/auth/password';
import type { CaseStatus, ReturnReason } from '@/lib/domain/case-lifecycle';
import { DEMO_PASSWORD } from '../seed-data/demo-accounts';
import { chargeTable, firstNames, lastNames } from '../seed-data/demo-people';
import type { Db } from '../types';
import { bulkInsert, type Cell, type ColumnSpec } from './bulk';
import { fillCaseFactsBulk } from './case-facts-bulk';
import { agreementRows, insertAgreementRows, type AgreementRows } from './agreements';
import { caseStepRows, emptyStepRows, HearingCalendar, insertStepRows, loadPolicyCriteria } from './case-steps';
import { fillCaseObligations, rebuildDashboardAggregates } from '../queries/case-facts';

/**
 * Load generator: fills a database with a realistic multi-jurisdiction program at any size
 * (10k … 1M cases) for benchmarks. Deterministic for a given seed. Proportions:
 * ~25% screened out (nexus to violence), offers declined/unanswered ~12%, completion ~80% of those
 * who start, skewed by neighborhood and demographics so equity measures are not flat.
 * The bulkiest detail (audit rows) is thin: one case in 20 gets its referral audited. Every audit
 * insert goes through the hash-chain trigger (serialized, one SHA-256 each), which caps it near a
 * thousand rows a second here; the chain stays valid for the generated rows.
 */
export type LoadOptions = { cases: number; seed?: number; now?: Date; log?: (msg: string) => void; chunk?: number };
export type LoadReport = { cases: number; rows: number; seconds: number; rowsPerSecond: number; jurisdictions: number; tables: Record<string, number> };

const DAY = 86_400_000;
const zones = ['America/Chicago', 'America/New_York', 'America/Denver', 'America/Los_Angeles', 'America/Phoenix'];

function prng(seed: number, idsFrom = 0) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Time-ordered ids (the UUIDv7 layout, a counter where v7 puts the clock; the rest from the
  // stream): rows generated together sit together in every index led by an id, so a 1M-case load
  // appends to its btrees instead of touching a random page of each per row. Random v4 ids made
  // the 1M load slow down as the indexes outgrew shared_buffers (21 min against 15). A load into a
  // database that has data starts its own range (idsFrom).
  let issued = idsFrom;
  const uuid = () => {
    const b = Buffer.alloc(16);
    for (let i = 4; i < 16; i += 4) b.writeUInt32LE(Math.floor(next() * 2 ** 32), i);
    b.writeUIntBE(++issued, 0, 6);
    b[6] = (b[6] & 0x0f) | 0x70;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return {
    next,
    uuid,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

const path: CaseStatus[] = ['referred', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed'];

/** Decide where a case is now from its age and who it is about (the skew is deliberate). */
function outcome(r: ReturnType<typeof prng>, ageDays: number, risk: number): { steps: CaseStatus[]; reason: ReturnReason | null } {
  if (r.chance(0.18 + risk * 0.16)) {
    if (ageDays < 2) return { steps: ['referred', 'ineligible'], reason: null };
    return { steps: ['referred', 'ineligible', 'returned'], reason: 'ineligible' };
  }
  if (ageDays < 1) return { steps: r.chance(0.5) ? ['referred'] : ['referred', 'needs_review'], reason: null };
  if (r.chance(0.05)) return { steps: ['referred', 'eligible', 'offered', 'returned'], reason: 'no_response' };
  if (r.chance(0.07)) return { steps: ['referred', 'eligible', 'offered', 'returned'], reason: 'declined' };
  // Age decides how far an ongoing case has gone.
  const reach = ageDays < 4 ? 2 : ageDays < 8 ? 4 : ageDays < 15 ? 5 : ageDays < 25 ? 6 : ageDays < 100 ? 7 : 8;
  if (reach < 8) return { steps: path.slice(0, reach + 1), reason: null };
  if (r.chance(0.04)) return { steps: path.slice(0, 6).concat('returned'), reason: 'withdrawn' };
  if (r.chance(0.08 + risk * 0.2)) return { steps: path.slice(0, 8).concat('returned'), reason: 'unsuccessful' };
  return { steps: path, reason: null };
}

// Columns of the per-chunk tables, in the order their rows are built.
const PARTICIPANT_COLUMNS: ColumnSpec[] = [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'first_name', type: 'text' }, { name: 'last_name', type: 'text' }, { name: 'date_of_birth', type: 'date' }, { name: 'zip', type: 'text' }, { name: 'preferred_language', type: 'locale' }, { name: 'race', type: 'race' }, { name: 'ethnicity', type: 'ethnicity' }, { name: 'sex', type: 'sex' }];
const CASE_COLUMNS: ColumnSpec[] = [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'participant_id', type: 'uuid' }, { name: 'external_case_number', type: 'text' }, { name: 'referring_agency', type: 'text' }, { name: 'incident_date', type: 'date' }, { name: 'referred_at', type: 'timestamptz' }, { name: 'referred_by_user_id', type: 'uuid' }, { name: 'summary', type: 'text' }, { name: 'status', type: 'case_status' }, { name: 'status_changed_at', type: 'timestamptz' }, { name: 'return_reason', type: 'return_reason' }, { name: 'first_hearing_at', type: 'timestamptz' }, { name: 'closed_at', type: 'timestamptz' }];
const CHARGE_COLUMNS: ColumnSpec[] = [{ name: 'id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'code', type: 'text' }, { name: 'description', type: 'text' }, { name: 'severity', type: 'text' }, { name: 'violent', type: 'bool' }];
const ASSIGNMENT_COLUMNS: ColumnSpec[] = [{ name: 'id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'board_id', type: 'uuid' }, { name: 'assigned_at', type: 'timestamptz' }, { name: 'reason', type: 'text' }];
const EVENT_COLUMNS: ColumnSpec[] = [{ name: 'case_id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'type', type: 'text' }, { name: 'payload', type: 'jsonb' }, { name: 'occurred_at', type: 'timestamptz' }];
const AUDIT_COLUMNS: ColumnSpec[] = [{ name: 'jurisdiction_id', type: 'uuid' }, { name: 'action', type: 'text' }, { name: 'entity_type', type: 'text' }, { name: 'entity_id', type: 'text' }, { name: 'occurred_at', type: 'timestamptz' }];

export async function generateLoad(db: Db, opts: LoadOptions): Promise<LoadReport> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  // Appending to a database that already has data continues with a different stream, so ids differ.
  const [{ n: already }] = await db.select({ n: count() }).from(jurisdictions);
  const r = prng((opts.seed ?? 42) + already * 7919, already * 2 ** 36);
  const now = opts.now ?? new Date();
  const tables: Record<string, number> = {};
  const add = (t: string, n: number) => (tables[t] = (tables[t] ?? 0) + n);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const runTag = r.int(0, 0xffffff).toString(16).padStart(6, '0');

  // Jurisdictions with Zipf-like sizes: a state program has a few big counties and many small ones.
  const jCount = Math.min(50, Math.max(3, Math.ceil(opts.cases / 30_000)));
  const weights = Array.from({ length: jCount }, (_, k) => 1 / (k + 1) ** 0.8);
  const wSum = weights.reduce((s, w) => s + w, 0);
  const sizes = weights.map((w) => Math.floor((w / wSum) * opts.cases));
  sizes[0] += opts.cases - sizes.reduce((s, n) => s + n, 0);

  const juris: Cell[][] = [];
  const boardsRows: Cell[][] = [];
  const areaRows: Cell[][] = [];
  const userRows: Cell[][] = [];
  const memberRows: Cell[][] = [];
  const chargeCodeRows: Cell[][] = [];
  const policyRows: Cell[][] = [];
  const venueRows: Cell[][] = [];
  type Board = { id: string; venueId: string; chairId: string; members: string[] };
  type J = { id: string; size: number; policyId: string; zips: { zip: string; boardId: string; risk: number; neighborhood: string }[]; prosecutors: string[]; boards: Map<string, Board> };
  const js: J[] = [];
  let zipCounter = 10000 + r.int(0, 50000);
  for (let k = 0; k < jCount; k++) {
    const id = r.uuid();
    const settings = { divertsCases: true, offerDeadlineDays: 10, firstHearingTargetDays: 14, firstHearingAlertDays: 10, agreementLengthDays: 90, panelQuorum: 3, smsQuietHours: { start: '21:00', end: '08:00' }, helpPhone: '(555) 555-0100', programName: 'Common Ground' };
    juris.push([id, `load-${runTag}-${k + 1}`, `Load County ${k + 1}`, r.pick(zones), JSON.stringify(settings)]);
    const perYear = sizes[k] / 3;
    const nBoards = Math.max(3, Math.min(200, Math.round(perYear / 150)));
    const j: J = { id, size: sizes[k], policyId: r.uuid(), zips: [], prosecutors: [], boards: new Map() };
    policyRows.push([j.policyId, id, 1, JSON.stringify(loadPolicyCriteria), true, 'Generated: no nexus to violence.']);
    for (let b = 0; b < nBoards; b++) {
      const boardId = r.uuid();
      boardsRows.push([boardId, id, `Board ${b + 1}`, b === nBoards - 1 && nBoards > 3 ? 'es' : 'en', Math.max(12, Math.round(perYear / 12 / nBoards) + 4)]);
      // Each board meets in its own room (a library or community center in its area).
      const board: Board = { id: boardId, venueId: r.uuid(), chairId: '', members: [] };
      j.boards.set(boardId, board);
      // Neighborhood risk: where enforcement concentrates, screening-out and failure run higher.
      const risk = r.next() < 0.3 ? 1 : 0;
      for (let z = 0; z < 3; z++) {
        const zip = String(zipCounter++ % 100000).padStart(5, '0');
        j.zips.push({ zip, boardId, risk, neighborhood: `Neighborhood ${b + 1}${'abc'[z]}` });
        if (z === 0) venueRows.push([board.venueId, id, `Board ${b + 1} room`, b % 2 ? 'library' : 'community_center', `${100 + b} Main Street`, zip]);
        areaRows.push([r.uuid(), boardId, id, zip, `Neighborhood ${b + 1}${'abc'[z]}`]);
      }
      for (let v = 0; v < 6; v++) {
        const uid = r.uuid();
        userRows.push([uid, id, `vol-${runTag}-${k + 1}-${b + 1}-${v + 1}@load.test`, `Volunteer ${k + 1}.${b + 1}.${v + 1}`, 'volunteer', passwordHash]);
        memberRows.push([r.uuid(), boardId, uid, v === 0 ? 'chair' : 'member', '2026-01-01', v === 0 ? '2026-12-31' : '2028-12-31']);
        if (v === 0) board.chairId = uid;
        else board.members.push(uid);
      }
    }
    for (const role of ['coordinator', 'prosecutor', 'prosecutor', 'admin'] as const) {
      const uid = r.uuid();
      const n = userRows.filter((u) => u[1] === id && u[4] === role).length;
      userRows.push([uid, id, `${role}${n ? n + 1 : ''}-${runTag}-${k + 1}@load.test`, `${role} ${k + 1}`, role, passwordHash]);
      if (role === 'prosecutor') j.prosecutors.push(uid);
    }
    for (const c of chargeTable) chargeCodeRows.push([r.uuid(), id, c.code, c.description, c.severity, c.violent, c.weapon]);
    js.push(j);
  }
  add('jurisdictions', await bulkInsert(db, 'jurisdictions', [{ name: 'id', type: 'uuid' }, { name: 'slug', type: 'text' }, { name: 'name', type: 'text' }, { name: 'time_zone', type: 'text' }, { name: 'settings', type: 'jsonb' }], juris));
  add('charge_codes', await bulkInsert(db, 'charge_codes', [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'code', type: 'text' }, { name: 'description', type: 'text' }, { name: 'severity', type: 'text' }, { name: 'violent', type: 'bool' }, { name: 'weapon', type: 'bool' }], chargeCodeRows));
  add('boards', await bulkInsert(db, 'boards', [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'name', type: 'text' }, { name: 'language', type: 'locale' }, { name: 'monthly_capacity', type: 'int4' }], boardsRows));
  add('board_areas', await bulkInsert(db, 'board_areas', [{ name: 'id', type: 'uuid' }, { name: 'board_id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'zip', type: 'text' }, { name: 'neighborhood', type: 'text' }], areaRows));
  add('users', await bulkInsert(db, 'users', [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'email', type: 'text' }, { name: 'name', type: 'text' }, { name: 'role', type: 'role' }, { name: 'password_hash', type: 'text' }], userRows));
  add('screening_policies', await bulkInsert(db, 'screening_policies', [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'version', type: 'int4' }, { name: 'criteria', type: 'jsonb' }, { name: 'diverts_cases', type: 'bool' }, { name: 'note', type: 'text' }], policyRows));
  add('venues', await bulkInsert(db, 'venues', [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'name', type: 'text' }, { name: 'kind', type: 'venue_kind' }, { name: 'address_line', type: 'text' }, { name: 'zip', type: 'text' }], venueRows));
  add('board_memberships', await bulkInsert(db, 'board_memberships', [{ name: 'id', type: 'uuid' }, { name: 'board_id', type: 'uuid' }, { name: 'user_id', type: 'uuid' }, { name: 'role', type: 'membership_role' }, { name: 'term_start', type: 'date' }, { name: 'term_end', type: 'date' }], memberRows));
  log(`  ${jCount} jurisdictions, ${boardsRows.length} boards, ${userRows.length} users`);

  // Cases in chunks so memory stays flat at 1M.
  const CHUNK = opts.chunk ?? 20_000;
  // Inserting is the database's work and generating is ours, and a chunk's detail tables (charges,
  // events, agreements) do not depend on the next chunk. So a chunk is inserted while the next one is
  // generated and its own rows go in on another connection: two chunks in flight keep both cores of a
  // small machine busy. The only order kept is the foreign keys': a chunk's cases may name a
  // participant from the chunk before (re-referrals), so its participants and cases wait for those.
  let headDone: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  // Each jurisdiction's dashboard rollup is built once its last chunk is in, while the next
  // jurisdiction loads; one at a time, in a chain.
  let rollups: Promise<void> = Promise.resolve();
  let analyzedAt = 0;
  const races = [['black', 0.55], ['white', 0.3], ['multiracial', 0.04], ['asian', 0.02], ['american_indian', 0.01], ['other', 0.03], ['unknown', 0.05]] as const;
  const pickRace = () => {
    let x = r.next();
    for (const [v, w] of races) if ((x -= w) < 0) return v;
    return 'unknown';
  };
  let caseSeq = 0;
  const calendar = new HearingCalendar();
  for (const j of js) {
    // Participants who may be referred again, with the hearing slots they already hold.
    const earlier: { id: string; slots: number[] }[] = [];
    for (let done = 0; done < j.size; done += CHUNK) {
      const n = Math.min(CHUNK, j.size - done);
      const pRows: Cell[][] = [];
      const cRows: Cell[][] = [];
      const chRows: Cell[][] = [];
      const aRows: Cell[][] = [];
      const eRows: Cell[][] = [];
      const auRows: Cell[][] = [];
      const agr: AgreementRows = { agreements: [], items: [], progress: [] };
      const stepRows = emptyStepRows();
      for (let i = 0; i < n; i++) {
        caseSeq++;
        const area = r.pick(j.zips);
        const race = pickRace();
        const age = r.next() < 0.45 ? r.int(18, 24) : r.next() < 0.6 ? r.int(25, 34) : r.int(35, 64);
        const young = age < 25 ? 1 : 0;
        const risk = Math.min(1, area.risk * 0.6 + (race === 'black' ? 0.3 : 0) + young * 0.2);
        // About one in ten referrals is a person referred before (how re-referral is measured).
        let person: { id: string; slots: number[] };
        if (earlier.length > 50 && r.chance(0.1)) person = r.pick(earlier);
        else {
          person = { id: r.uuid(), slots: [] };
          const participantId = person.id;
          const dob = new Date(now.getTime() - age * 365.25 * DAY - r.int(0, 364) * DAY).toISOString().slice(0, 10);
          const hispanic = r.chance(0.09);
          pRows.push([participantId, j.id, r.pick(firstNames), r.pick(lastNames), dob, area.zip, hispanic && r.chance(0.5) ? 'es' : 'en', race, hispanic ? 'hispanic' : r.chance(0.05) ? 'unknown' : 'not_hispanic', r.chance(0.8) ? 'male' : r.chance(0.95) ? 'female' : 'unknown']);
          if (earlier.length < 5000) earlier.push(person);
          else earlier[r.int(0, earlier.length - 1)] = person;
        }
        const participantId = person.id;
        const caseId = r.uuid();
        const ageDays = r.next() * 3 * 365;
        const referredAt = new Date(now.getTime() - ageDays * DAY);
        const { steps, reason } = outcome(r, ageDays, risk);
        const status = steps[steps.length - 1];
        // Days between steps: screening same day, hearing within ~2 weeks, agreements ~90 days.
        const gaps: Record<string, number> = { eligible: 0.02, ineligible: 0.02, needs_review: 0.02, offered: 0.5, accepted: 2 + r.next() * 4, assigned: 0.2, hearing_scheduled: 0.5, hearing_held: 3 + r.next() * 10, in_progress: 0.1, completed: 80 + r.next() * 30, returned: 1 + r.next() * 60 };
        let at = referredAt.getTime();
        const times = steps.map((s, k) => (k === 0 ? at : (at += gaps[s] * DAY)));
        const changedAt = new Date(Math.min(times[times.length - 1], now.getTime()));
        const closed = status === 'completed' || status === 'returned';
        const charge = reason === 'ineligible' || status === 'ineligible' ? r.pick(chargeTable.filter((c) => c.weapon || c.violent)) : r.chance(0.8) ? chargeTable[0] : r.pick(chargeTable.slice(1, 4));
        const ai = steps.indexOf('assigned');
        // Screening decision, offer, hearings and panels; the held first hearing's time goes on the case.
        const firstHearingAt = caseStepRows(r, calendar, stepRows, { caseId, jurisdictionId: j.id, participantId, policyId: j.policyId, steps, times, reason, charge, board: ai >= 0 ? j.boards.get(area.boardId)! : null, personSlots: person.slots, risk, now: now.getTime() });
        cRows.push([caseId, j.id, participantId, `EXT-${runTag}-${caseSeq}`, 'Police Department', referredAt.toISOString().slice(0, 10), referredAt.toISOString(), r.pick(j.prosecutors), 'Possession for personal use.', status, changedAt.toISOString(), reason, firstHearingAt === null ? null : new Date(firstHearingAt).toISOString(), closed ? changedAt.toISOString() : null]);
        chRows.push([r.uuid(), caseId, charge.code, charge.description, charge.severity, charge.violent]);
        if (r.chance(0.3)) chRows.push([r.uuid(), caseId, chargeTable[1].code, chargeTable[1].description, chargeTable[1].severity, false]);
        if (ai >= 0) aRows.push([r.uuid(), caseId, area.boardId, new Date(times[ai]).toISOString(), `Serves ZIP ${area.zip}`]);
        // Cases under an agreement get a signed one with its items and verified progress (what the
        // dashboard's obligations measure reads).
        if (status === 'in_progress') agreementRows(r, agr, { caseId, jurisdictionId: j.id, chairId: j.boards.get(area.boardId)!.chairId, signedAt: new Date(times[steps.length - 1]), now });
        eRows.push([caseId, j.id, 'referred', JSON.stringify({ type: 'referred', externalCaseNumber: `EXT-${runTag}-${caseSeq}`, via: 'api' }), new Date(times[0]).toISOString()]);
        for (let k = 1; k < steps.length; k++) {
          eRows.push([caseId, j.id, 'status_changed', JSON.stringify({ type: 'status_changed', from: steps[k - 1], to: steps[k], reason: steps[k] === 'returned' ? reason : null }), new Date(Math.min(times[k], now.getTime())).toISOString()]);
        }
        if (caseSeq % 20 === 0) auRows.push([j.id, 'case.create', 'case', caseId, referredAt.toISOString()]);
      }
      const head = headDone.then(async () => {
        add('participants', await bulkInsert(db, 'participants', PARTICIPANT_COLUMNS, pRows));
        add('cases', await bulkInsert(db, 'cases', CASE_COLUMNS, cRows));
      });
      headDone = head;
      const rest = head.then(async () => {
        add('case_charges', await bulkInsert(db, 'case_charges', CHARGE_COLUMNS, chRows));
        add('case_assignments', await bulkInsert(db, 'case_assignments', ASSIGNMENT_COLUMNS, aRows));
        await insertStepRows(db, stepRows, add);
        add('case_events', await bulkInsert(db, 'case_events', EVENT_COLUMNS, eRows));
        await insertAgreementRows(db, agr, add);
        add('audit_log', await bulkInsert(db, 'audit_log', AUDIT_COLUMNS, auRows));
      });
      // Marked handled here; the error is still thrown where the chunk is awaited.
      rest.catch(() => {});
      inFlight.push(rest);
      // At most two chunks in flight: wait for the older one before generating another.
      if (inFlight.length === 2) await inFlight.shift();
      log(`  ${caseSeq.toLocaleString('en-US')} / ${opts.cases.toLocaleString('en-US')} cases (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    calendar.clear();
    // The dashboard rollup and its pre-aggregates (the generated cases bypass the lifecycle that
    // keeps them), set-based, for this jurisdiction's cases once they are all in.
    const loaded = [...inFlight];
    const casesSoFar = caseSeq;
    rollups = rollups.then(async () => {
      await Promise.all(loaded);
      // The planner's statistics of a table being bulk-loaded are those of when it was small. With
      // them, one jurisdiction's rebuild planned nested loops over a million rows and ran for
      // minutes; so statistics are refreshed whenever the cases have grown by a quarter. And a
      // jurisdiction the statistics have not seen is estimated at one row (its id is in no
      // most-common-values list), which planned the same nested loops: cases and case_facts, which
      // the rebuild filters by jurisdiction, are analyzed for every jurisdiction (a sample: < 1 s).
      const stale = casesSoFar >= analyzedAt * 1.25;
      if (stale) await db.execute(sql`analyze cases, participants, case_assignments, screening_decisions, case_offers, hearings, agreements, agreement_items, progress_entries`);
      else await db.execute(sql`analyze cases`);
      await fillCaseFactsBulk(db, j.id);
      await fillCaseObligations(db, j.id);
      await db.execute(sql`analyze case_facts`);
      if (stale) analyzedAt = casesSoFar;
      await rebuildDashboardAggregates(db, j.id);
    });
    rollups.catch(() => {});
  }
  await Promise.all(inFlight);
  await rollups;
  log(`  case_facts and dashboard pre-aggregates filled (${Math.round((Date.now() - t0) / 1000)} s)`);
  // A bulk load leaves no visibility map until autovacuum gets round to it; vacuum now so index-only
  // scans (the dashboard's open-case indexes) work at once, as in a database that has been running.
  await db.execute(sql`vacuum analyze`);
  const rows = Object.values(tables).reduce((s, n) => s + n, 0);
  const seconds = (Date.now() - t0) / 1000;
  return { cases: caseSeq, rows, seconds, rowsPerSecond: Math.round(rows / seconds), jurisdictions: jCount, tables };
}
