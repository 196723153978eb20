/**
 * The slot finder: for one case, the best N hearing times in the next K weeks where a quorum of
 * eligible, unconflicted, available volunteers (at least one chair), a room or video room, and the
 * participant's stated times all overlap. Pure and synchronous: the data layer loads everything
 * with a fixed number of queries and passes it in; times are integer minutes since the epoch
 * (UTC), availability is local wall-clock time in the jurisdiction's zone (DST-correct through
 * ./local-time).
 *
 * Ranking: soonest first; for each time the panel is chosen by spreading load fairly (fewest
 * recent and upcoming hearings), then by language match. Proposals never overlap each other and at
 * most `perDay` fall on one local date, so the participant gets real alternatives.
 * When fewer than N fit, `missing` says why in structured form (the UI words it).
 */
import { dayNumber, isoDateOfDay, MINUTES_PER_DAY, monthOfDay, weekdayOfDay, zoneClock, type ZoneClock } from './local-time';

export type Interval = { start: number; end: number };
export type WeeklyWindow = { weekday: number; start: number; end: number };
export type DatedException = { date: string; kind: 'unavailable' | 'available'; start: number | null; end: number | null };

export type SlotVolunteer = {
  id: string;
  name?: string;
  /** Eligible to sit today (all readiness requirements hold). */
  eligible: boolean;
  /** Last local date (inclusive) they stay eligible: a check or term that lapses mid-horizon. */
  eligibleUntil: string | null;
  canChair: boolean;
  /** Declared or unreviewed auto-detected conflict with this participant. */
  conflicted: boolean;
  languages: string[];
  needsAccessibleVenue: boolean;
  weekly: WeeklyWindow[];
  exceptions: DatedException[];
  /** Existing active seats. */
  busy: Interval[];
  monthlyLimit: number;
  /** Active hearings per local month, keyed "YYYY-MM". */
  monthlyCounts: Record<string, number>;
  /** Recent and upcoming hearings: the fairness measure. */
  load: number;
};

export type SlotVenue = {
  id: string;
  name?: string;
  video: boolean;
  accessible: boolean;
  zip?: string | null;
  /** Opening hours; empty = always open (video rooms). */
  hours: WeeklyWindow[];
  busy: Interval[];
};

export type SlotParticipant = {
  /** Stated weekly windows; empty = no restriction. */
  windows: WeeklyWindow[];
  videoOk: boolean;
  inPersonOk: boolean;
  needsAccessibleVenue: boolean;
  transportNeeded: boolean;
  language: string;
  zip?: string | null;
  busy: Interval[];
};

export type SlotSearch = {
  timeZone: string;
  now: number;
  horizonWeeks: number;
  durationMinutes: number;
  stepMinutes: number;
  minLeadMinutes: number;
  quorum: number;
  requireChair: boolean;
  count: number;
  perDay?: number;
  volunteers: SlotVolunteer[];
  venues: SlotVenue[];
  participant: SlotParticipant;
};

export type PanelSeat = { id: string; role: 'chair' | 'member' };

export type Proposal = {
  start: number;
  end: number;
  /** Local date and minute of day of the start. */
  localDate: string;
  localMinute: number;
  venueId: string;
  panel: PanelSeat[];
  alternate: string | null;
  /** Sum of the panel's loads (lower is fairer). */
  load: number;
  languageMatches: number;
};

export type Missing =
  | { code: 'not_enough_eligible'; eligible: number; needed: number; onBoard: number; ineligible: number; conflicted: number }
  | { code: 'no_chair' }
  | { code: 'participant_windows' }
  | { code: 'weekday_short'; weekday: number; free: number; needed: number }
  | { code: 'weekday_no_chair'; weekday: number }
  | { code: 'no_venue' }
  | { code: 'fewer_than_wanted'; found: number; wanted: number };

export type SlotResult = { proposals: Proposal[]; missing: Missing[] };

type Candidate = { start: number; end: number; day: number; wallStart: number; month: number };

const keyOfMonth = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/** Merge overlapping or touching intervals (input in any order). */
export function mergeIntervals(xs: Interval[]): Interval[] {
  const s = xs.filter((x) => x.end > x.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push({ ...x });
  }
  return out;
}

/** `free` minus `busy`; both sorted and merged. */
export function subtractIntervals(free: Interval[], busy: Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const f of free) {
    let cur = f.start;
    while (j < busy.length && busy[j].end <= cur) j++;
    let k = j;
    while (k < busy.length && busy[k].start < f.end) {
      if (busy[k].start > cur) out.push({ start: cur, end: busy[k].start });
      cur = Math.max(cur, busy[k].end);
      k++;
    }
    if (cur < f.end) out.push({ start: cur, end: f.end });
  }
  return out;
}

/** Local minute-of-day windows of one date after applying that date's exceptions. */
export function dayWindows(weekly: WeeklyWindow[], exceptions: DatedException[], date: string, weekday: number): Interval[] {
  let ws: Interval[] = weekly.filter((w) => w.weekday === weekday).map((w) => ({ start: w.start, end: w.end }));
  if (exceptions.length === 0) return ws.length > 1 ? mergeIntervals(ws) : ws;
  const todays = exceptions.filter((e) => e.date === date);
  for (const e of todays) if (e.kind === 'available' && e.start !== null && e.end !== null) ws.push({ start: e.start, end: e.end });
  ws = mergeIntervals(ws);
  for (const e of todays) {
    if (e.kind !== 'unavailable') continue;
    ws = e.start === null || e.end === null ? [] : subtractIntervals(ws, [{ start: e.start, end: e.end }]);
  }
  return ws;
}

/** Local windows over a range of days → merged UTC intervals. Conservative at DST edges: a
 *  window boundary that is ambiguous or skipped never widens the window. */
function windowsToUtc(clock: ZoneClock, days: number[], perDay: (day: number) => Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const d of days) {
    for (const w of perDay(d)) {
      const start = clock.toUtc(d * MINUTES_PER_DAY + w.start, 'latest');
      const end = clock.toUtc(d * MINUTES_PER_DAY + w.end, 'earliest');
      if (end > start) out.push({ start, end });
    }
  }
  return mergeIntervals(out);
}

/** For sorted candidates and sorted disjoint intervals: which candidates fit inside one interval. */
function containment(cands: Candidate[], free: Interval[]): Uint8Array {
  const out = new Uint8Array(cands.length);
  forEachContained(cands, free, (c) => (out[c] = 1));
  return out;
}

/** First index whose start is ≥ t (candidates sorted by start). */
function lowerBound(cands: Candidate[], t: number): number {
  let lo = 0;
  let hi = cands.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cands[mid].start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Calls `fn` for every candidate inside one of the intervals: a binary search per interval,
 *  then only the candidates that fit, so the cost follows availability, not the grid size. */
function forEachContained(cands: Candidate[], free: Interval[], fn: (c: number) => void) {
  for (const iv of free) {
    for (let c = lowerBound(cands, iv.start); c < cands.length && cands[c].start < iv.end; c++) {
      if (cands[c].end <= iv.end) fn(c);
    }
  }
}

function overlapsAny(iv: Interval, busy: Interval[]): boolean {
  for (const b of busy) if (b.start < iv.end && iv.start < b.end) return true;
  return false;
}

type Prepared = {
  clock: ZoneClock;
  days: number[];
  cands: Candidate[];
  /** candidate → indexes of the volunteers free for it, in ranking order. */
  freeAt: number[][];
  venueAvail: Uint8Array[];
  order: number[];
  venueOrder: number[];
};

function prepare(q: SlotSearch): Prepared {
  const horizonEnd = q.now + q.horizonWeeks * 7 * MINUTES_PER_DAY;
  const firstStart = q.now + q.minLeadMinutes;
  const clock = zoneClock(q.timeZone, q.now, horizonEnd);
  const d0 = Math.floor(clock.toWall(firstStart) / MINUTES_PER_DAY);
  const d1 = Math.floor(clock.toWall(horizonEnd) / MINUTES_PER_DAY);
  const days: number[] = [];
  for (let d = d0; d <= d1; d++) days.push(d);

  // Participant side: the local grid, inside their stated windows, not already busy.
  const pBusy = mergeIntervals(q.participant.busy);
  const cands: Candidate[] = [];
  for (const d of days) {
    const wd = weekdayOfDay(d);
    const pw = q.participant.windows.filter((w) => w.weekday === wd);
    if (q.participant.windows.length > 0 && pw.length === 0) continue;
    for (let s = 0; s + q.durationMinutes <= MINUTES_PER_DAY; s += q.stepMinutes) {
      const wall = d * MINUTES_PER_DAY + s;
      const start = clock.toUtcStrict(wall);
      if (start === null || start < firstStart) continue;
      const end = start + q.durationMinutes;
      if (end > horizonEnd) continue;
      const wallEnd = clock.toWall(end);
      if (wallEnd > (d + 1) * MINUTES_PER_DAY) continue;
      if (pw.length > 0) {
        const ls = clock.toWall(start) - d * MINUTES_PER_DAY;
        const le = wallEnd - d * MINUTES_PER_DAY;
        if (!pw.some((w) => w.start <= ls && le <= w.end)) continue;
      }
      if (overlapsAny({ start, end }, pBusy)) continue;
      cands.push({ start, end, day: d, wallStart: s, month: monthOfDay(d) });
    }
  }
  cands.sort((a, b) => a.start - b.start);

  // Venues: opening hours minus bookings.
  const allDays = { start: clock.toUtc(d0 * MINUTES_PER_DAY), end: clock.toUtc((d1 + 1) * MINUTES_PER_DAY) };
  const venueAvail = q.venues.map((v) => {
    const open = v.hours.length === 0 ? [allDays] : windowsToUtc(clock, days, (d) => mergeIntervals(v.hours.filter((h) => h.weekday === weekdayOfDay(d)).map((h) => ({ start: h.start, end: h.end }))));
    return containment(cands, subtractIntervals(open, mergeIntervals(v.busy)));
  });
  const p = q.participant;
  const venueOrder = q.venues
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => (v.video ? p.videoOk : p.inPersonOk) && (!p.needsAccessibleVenue || v.accessible || v.video))
    .sort((a, b) => {
      const pref = (v: SlotVenue) => (p.transportNeeded && p.videoOk ? (v.video ? 0 : 1) : v.video ? 1 : 0);
      const near = (v: SlotVenue) => (p.zip && v.zip === p.zip ? 0 : 1);
      return pref(a.v) - pref(b.v) || near(a.v) - near(b.v) || (a.v.name ?? a.v.id).localeCompare(b.v.name ?? b.v.id);
    })
    .map(({ i }) => i);

  // Volunteers, best-ranked first (fairness, then language); each candidate gets the ranks of
  // the eligible, unconflicted volunteers free for it, already in rank order.
  const lang = q.participant.language;
  const order = q.volunteers
    .map((v, i) => ({ v, i }))
    .sort((a, b) => a.v.load - b.v.load || Number(b.v.languages.includes(lang)) - Number(a.v.languages.includes(lang)) || a.v.id.localeCompare(b.v.id))
    .map(({ i }) => i);
  const freeAt: number[][] = cands.map(() => []);
  const monthKeys = new Map<number, string>();
  const monthKey = (m: number) => monthKeys.get(m) ?? (monthKeys.set(m, keyOfMonth(m)), keyOfMonth(m));
  for (const i of order) {
    const v = q.volunteers[i];
    if (!v.eligible || v.conflicted) continue;
    const until = v.eligibleUntil ? dayNumber(v.eligibleUntil) : Number.POSITIVE_INFINITY;
    const free = windowsToUtc(
      clock,
      days.filter((d) => d <= until),
      (d) => dayWindows(v.weekly, v.exceptions, isoDateOfDay(d), weekdayOfDay(d)),
    );
    forEachContained(cands, subtractIntervals(free, mergeIntervals(v.busy)), (c) => {
      if ((v.monthlyCounts[monthKey(cands[c].month)] ?? 0) < v.monthlyLimit) freeAt[c].push(i);
    });
  }
  return { clock, days, cands, freeAt, venueAvail, order, venueOrder };
}

function panelAt(q: SlotSearch, pr: Prepared, c: number, venue: SlotVenue): { panel: PanelSeat[]; alternate: string | null } | null {
  const accessibleVenue = venue.video || venue.accessible;
  let chair = -1;
  const others: number[] = [];
  for (const i of pr.freeAt[c]) {
    const v = q.volunteers[i];
    if (v.needsAccessibleVenue && !accessibleVenue) continue;
    if (chair < 0 && v.canChair) chair = i;
    else others.push(i);
    if ((chair >= 0 || !q.requireChair) && others.length >= q.quorum) break;
  }
  if (q.requireChair && chair < 0) return null;
  const seats = chair >= 0 ? [chair, ...others] : others;
  if (seats.length < q.quorum) return null;
  const panel: PanelSeat[] = seats.slice(0, q.quorum).map((i, k) => ({ id: q.volunteers[i].id, role: k === 0 && chair >= 0 ? 'chair' : 'member' }));
  const alt = seats[q.quorum];
  return { panel, alternate: alt === undefined ? null : q.volunteers[alt].id };
}

export function findSlots(q: SlotSearch): SlotResult {
  const pr = prepare(q);
  const proposals: Proposal[] = [];
  const perDay = q.perDay ?? 1;
  const perDayCount = new Map<number, number>();
  let panelWithoutVenue = false;
  const byId = new Map(q.volunteers.map((v) => [v.id, v]));
  for (let c = 0; c < pr.cands.length && proposals.length < q.count; c++) {
    const cand = pr.cands[c];
    if ((perDayCount.get(cand.day) ?? 0) >= perDay) continue;
    if (proposals.some((p) => p.start < cand.end && cand.start < p.end)) continue;
    let chosen: { venue: SlotVenue; panel: PanelSeat[]; alternate: string | null } | null = null;
    for (const vi of pr.venueOrder) {
      if (!pr.venueAvail[vi][c]) continue;
      const venue = q.venues[vi];
      const p = panelAt(q, pr, c, venue);
      if (p) {
        chosen = { venue, ...p };
        break;
      }
    }
    if (!chosen) {
      if (!panelWithoutVenue && panelAt(q, pr, c, { id: '', video: true, accessible: true, hours: [], busy: [] })) panelWithoutVenue = true;
      continue;
    }
    proposals.push({
      start: cand.start,
      end: cand.end,
      localDate: isoDateOfDay(cand.day),
      localMinute: cand.wallStart,
      venueId: chosen.venue.id,
      panel: chosen.panel,
      alternate: chosen.alternate,
      load: chosen.panel.reduce((s, p) => s + byId.get(p.id)!.load, 0),
      languageMatches: chosen.panel.filter((p) => byId.get(p.id)!.languages.includes(q.participant.language)).length,
    });
    perDayCount.set(cand.day, (perDayCount.get(cand.day) ?? 0) + 1);
  }
  return { proposals, missing: proposals.length < q.count ? explain(q, pr, proposals.length, panelWithoutVenue) : [] };
}

/** Why fewer than N proposals: from the broadest cause to the narrowest. */
function explain(q: SlotSearch, pr: Prepared, found: number, panelWithoutVenue: boolean): Missing[] {
  const out: Missing[] = [];
  const eligible = q.volunteers.filter((v) => v.eligible && !v.conflicted);
  const conflicted = q.volunteers.filter((v) => v.eligible && v.conflicted).length;
  if (eligible.length < q.quorum) {
    out.push({ code: 'not_enough_eligible', eligible: eligible.length, needed: q.quorum, onBoard: q.volunteers.length, ineligible: q.volunteers.filter((v) => !v.eligible).length, conflicted });
  }
  if (q.requireChair && !eligible.some((v) => v.canChair)) out.push({ code: 'no_chair' });
  if (pr.cands.length === 0) out.push({ code: 'participant_windows' });
  if (out.length === 0) {
    // Per weekday: the most eligible volunteers free at any one time, and whether a chair is among them.
    const maxFree = new Map<number, number>();
    const chairAtQuorum = new Map<number, boolean>();
    for (let c = 0; c < pr.cands.length; c++) {
      const wd = weekdayOfDay(pr.cands[c].day);
      const n = pr.freeAt[c].length;
      const chair = pr.freeAt[c].some((i) => q.volunteers[i].canChair);
      maxFree.set(wd, Math.max(maxFree.get(wd) ?? 0, n));
      if (n >= q.quorum && chair) chairAtQuorum.set(wd, true);
    }
    for (const [weekday, free] of [...maxFree].sort((a, b) => a[0] - b[0])) {
      if (free < q.quorum) out.push({ code: 'weekday_short', weekday, free, needed: q.quorum });
      else if (q.requireChair && !chairAtQuorum.get(weekday)) out.push({ code: 'weekday_no_chair', weekday });
    }
    if (panelWithoutVenue) out.push({ code: 'no_venue' });
  }
  if (found > 0) out.push({ code: 'fewer_than_wanted', found, wanted: q.count });
  return out;
}

export type BatchCase = { caseId: string; participant: SlotParticipant; conflictedVolunteerIds: string[] };
export type BatchResult = { caseId: string; proposal: Proposal | null; missing: Missing[] }[];

/**
 * Weekly batch: give each case (in the order given, e.g. oldest referral first) its best slot,
 * treating every earlier pick as booked so panels, rooms and monthly limits stay consistent.
 */
export function planBatch(base: Omit<SlotSearch, 'participant' | 'count'>, items: BatchCase[]): BatchResult {
  const volunteers = base.volunteers.map((v) => ({ ...v, busy: [...v.busy], monthlyCounts: { ...v.monthlyCounts } }));
  const venues = base.venues.map((v) => ({ ...v, busy: [...v.busy] }));
  const out: BatchResult = [];
  for (const item of items) {
    const conflicted = new Set(item.conflictedVolunteerIds);
    const r = findSlots({ ...base, count: 1, participant: item.participant, venues, volunteers: volunteers.map((v) => ({ ...v, conflicted: v.conflicted || conflicted.has(v.id) })) });
    const p = r.proposals[0] ?? null;
    out.push({ caseId: item.caseId, proposal: p, missing: r.missing });
    if (!p) continue;
    const iv = { start: p.start, end: p.end };
    const monthKey = p.localDate.slice(0, 7);
    for (const seat of [...p.panel.map((s) => s.id), ...(p.alternate ? [p.alternate] : [])]) {
      const v = volunteers.find((x) => x.id === seat)!;
      v.busy.push(iv);
      v.load += 1;
      v.monthlyCounts[monthKey] = (v.monthlyCounts[monthKey] ?? 0) + 1;
    }
    venues.find((x) => x.id === p.venueId)!.busy.push(iv);
  }
  return out;
}
