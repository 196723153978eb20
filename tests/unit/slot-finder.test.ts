import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayWindows, findSlots, planBatch, type Proposal, type SlotSearch, type SlotVenue, type SlotVolunteer, type WeeklyWindow } from '@/lib/domain/slot-finder';

const TZ = 'America/Chicago';
const min = (iso: string) => Math.floor(Date.parse(iso) / 60_000);
const H = (h: number, m = 0) => h * 60 + m;
const weekdays = (days: number[], start: number, end: number): WeeklyWindow[] => days.map((weekday) => ({ weekday, start, end }));

function vol(id: string, o: Partial<SlotVolunteer> = {}): SlotVolunteer {
  return {
    id,
    eligible: true,
    eligibleUntil: null,
    canChair: false,
    conflicted: false,
    languages: ['en'],
    needsAccessibleVenue: false,
    weekly: weekdays([1, 2, 3, 4], H(18), H(21)),
    exceptions: [],
    busy: [],
    monthlyLimit: 8,
    monthlyCounts: {},
    load: 0,
    ...o,
  };
}
const library: SlotVenue = { id: 'lib', name: 'Library', video: false, accessible: true, hours: weekdays([1, 2, 3, 4, 6], H(9), H(21)), busy: [] };
const video: SlotVenue = { id: 'video', name: 'Video room', video: true, accessible: true, hours: [], busy: [] };

function search(o: Partial<SlotSearch> = {}): SlotSearch {
  return {
    timeZone: TZ,
    now: min('2026-03-02T12:00:00Z'), // Monday 06:00 in Kansas City
    horizonWeeks: 4,
    durationMinutes: 60,
    stepMinutes: 30,
    minLeadMinutes: 24 * 60,
    quorum: 3,
    requireChair: true,
    count: 5,
    volunteers: [vol('chair', { canChair: true }), vol('a'), vol('b'), vol('c')],
    venues: [library],
    participant: { windows: [], videoOk: true, inPersonOk: true, needsAccessibleVenue: false, transportNeeded: false, language: 'en', busy: [] },
    ...o,
  };
}

/** Local date and minute of day of a UTC minute, independently of the code under test. */
function local(utcMinute: number, tz: string) {
  const d = new TZDate(utcMinute * 60_000, tz);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { date, minute: d.getHours() * 60 + d.getMinutes(), weekday: d.getDay() };
}
/** The local [start, end] of a proposal on its start date (end at midnight counts as 1440). */
function localSpan(p: { start: number; end: number }, tz: string) {
  const s = local(p.start, tz);
  const e = local(p.end, tz);
  const endMinute = e.date === s.date ? e.minute : e.minute === 0 ? 1440 : Number.POSITIVE_INFINITY;
  return { date: s.date, weekday: s.weekday, start: s.minute, end: endMinute };
}
const inside = (span: { start: number; end: number }, ws: { start: number; end: number }[]) => ws.some((w) => w.start <= span.start && span.end <= w.end);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

describe('slot finder: the panel', () => {
  it('proposes a quorum of three with the chair, soonest first, one per day, with an alternate', () => {
    const r = findSlots(search());
    expect(r.proposals).toHaveLength(5);
    expect(r.missing).toEqual([]);
    const first = r.proposals[0];
    // Monday 06:00 + 24 h lead → the first evening is Tuesday 3 March, 18:00 local (CST, UTC−6).
    expect(first.localDate).toBe('2026-03-03');
    expect(first.localMinute).toBe(H(18));
    expect(first.start).toBe(min('2026-03-04T00:00:00Z'));
    expect(first.panel).toHaveLength(3);
    expect(first.panel.filter((s) => s.role === 'chair').map((s) => s.id)).toEqual(['chair']);
    expect(first.alternate).not.toBeNull();
    expect(new Set(r.proposals.map((p) => p.localDate)).size).toBe(5);
    for (let i = 1; i < r.proposals.length; i++) expect(r.proposals[i].start).toBeGreaterThan(r.proposals[i - 1].start);
  });

  it('needs a quorum: with two volunteers free it proposes nothing and says who is missing on which days', () => {
    const r = findSlots(search({ volunteers: [vol('chair', { canChair: true }), vol('a'), vol('b', { weekly: weekdays([1, 2], H(18), H(21)) })] }));
    expect(r.proposals.filter((p) => ![1, 2].includes(new Date(p.start * 60_000 - 6 * 3600_000).getUTCDay()))).toEqual([]);
    const r2 = findSlots(search({ volunteers: [vol('chair', { canChair: true }), vol('a'), vol('b', { weekly: weekdays([1], H(18), H(21)) })] }));
    expect(r2.proposals.every((p) => local(p.start, TZ).weekday === 1)).toBe(true);
    expect(r2.missing).toContainEqual({ code: 'weekday_short', weekday: 2, free: 2, needed: 3 });
    expect(r2.missing).toContainEqual({ code: 'fewer_than_wanted', found: r2.proposals.length, wanted: 5 });
  });

  it('needs a chair: four free members and no chair give nothing, and say so', () => {
    const r = findSlots(search({ volunteers: [vol('a'), vol('b'), vol('c'), vol('d')] }));
    expect(r.proposals).toEqual([]);
    expect(r.missing).toContainEqual({ code: 'no_chair' });
  });

  it('says how many are eligible when the board is short', () => {
    const r = findSlots(search({ volunteers: [vol('chair', { canChair: true }), vol('a', { eligible: false }), vol('b', { conflicted: true }), vol('c')] }));
    expect(r.proposals).toEqual([]);
    expect(r.missing[0]).toEqual({ code: 'not_enough_eligible', eligible: 2, needed: 3, onBoard: 4, ineligible: 1, conflicted: 1 });
  });

  it('never proposes a conflicted volunteer, even as the alternate', () => {
    const r = findSlots(search({ volunteers: [vol('chair', { canChair: true }), vol('a'), vol('b'), vol('c', { conflicted: true }), vol('d')] }));
    expect(r.proposals.length).toBeGreaterThan(0);
    for (const p of r.proposals) expect([...p.panel.map((s) => s.id), p.alternate]).not.toContain('c');
  });

  it('stops proposing a volunteer once their background check lapses mid-horizon', () => {
    const vs = [vol('chair', { canChair: true }), vol('a'), vol('b'), vol('c', { eligibleUntil: '2026-03-10' })];
    const r = findSlots(search({ volunteers: vs, count: 12, quorum: 3 }));
    const afterC = r.proposals.filter((p) => p.localDate > '2026-03-10');
    expect(afterC.length).toBeGreaterThan(0);
    for (const p of afterC) expect(p.alternate).not.toBe('c');
    for (const p of afterC) expect(p.panel.map((s) => s.id)).not.toContain('c');
    expect(r.proposals.some((p) => p.localDate <= '2026-03-10' && (p.alternate === 'c' || p.panel.some((s) => s.id === 'c')))).toBe(true);
  });

  it('spreads load: the less-busy volunteers sit first; language breaks ties', () => {
    const vs = [vol('chair', { canChair: true }), vol('busy', { load: 9 }), vol('x', { load: 1 }), vol('y', { load: 1, languages: ['en', 'es'] }), vol('z', { load: 0 })];
    const r = findSlots(search({ volunteers: vs, participant: { ...search().participant, language: 'es' } }));
    const p = r.proposals[0];
    expect(p.panel.map((s) => s.id)).toEqual(['chair', 'z', 'y']);
    expect(p.alternate).toBe('x');
    expect(p.languageMatches).toBe(1);
  });

  it('respects monthly limits and existing seats', () => {
    const taken = { start: min('2026-03-04T00:00:00Z'), end: min('2026-03-04T01:00:00Z') };
    const vs = [vol('chair', { canChair: true, busy: [taken] }), vol('a'), vol('b'), vol('c', { monthlyLimit: 0 })];
    const r = findSlots(search({ volunteers: vs }));
    for (const p of r.proposals) {
      expect(overlaps(p, taken)).toBe(false);
      expect(p.panel.map((s) => s.id)).not.toContain('c');
    }
    expect(r.proposals[0].localMinute).toBe(H(19));
  });

  it('keeps to the participant’s stated times and only uses video when they accept it', () => {
    const participant = { ...search().participant, windows: weekdays([4], H(19), H(21)), videoOk: false };
    const r = findSlots(search({ participant, venues: [video, library] }));
    for (const p of r.proposals) {
      const s = localSpan(p, TZ);
      expect(s.weekday).toBe(4);
      expect(s.start).toBeGreaterThanOrEqual(H(19));
      expect(p.venueId).toBe('lib');
    }
    const none = findSlots(search({ participant: { ...participant, windows: weekdays([0], H(9), H(12)) } }));
    expect(none.proposals).toEqual([]);
    expect(none.missing).toContainEqual({ code: 'weekday_short', weekday: 0, free: 0, needed: 3 });
  });

  it('says when the panel could meet but no room is free', () => {
    const booked = { start: min('2026-03-01T00:00:00Z'), end: min('2026-04-10T00:00:00Z') };
    const r = findSlots(search({ venues: [{ ...library, busy: [booked] }] }));
    expect(r.proposals).toEqual([]);
    expect(r.missing).toContainEqual({ code: 'no_venue' });
  });
});

describe('slot finder: time zones and daylight saving (America/Chicago)', () => {
  it('keeps a Tuesday 18:00 evening at 18:00 local across the March change (UTC moves by an hour)', () => {
    const vs = ['chair', 'a', 'b', 'c'].map((id) => vol(id, { canChair: id === 'chair', weekly: weekdays([2], H(18), H(19)) }));
    const r = findSlots(search({ volunteers: vs, count: 3 }));
    expect(r.proposals.map((p) => [p.localDate, p.localMinute])).toEqual([
      ['2026-03-03', H(18)],
      ['2026-03-10', H(18)],
      ['2026-03-17', H(18)],
    ]);
    expect(r.proposals[0].start).toBe(min('2026-03-04T00:00:00Z')); // CST, UTC−6
    expect(r.proposals[1].start).toBe(min('2026-03-10T23:00:00Z')); // CDT, UTC−5
  });

  it('handles the spring-forward night itself: no slot starts in the missing hour, windows are not stretched', () => {
    // Sunday 8 March 2026: 02:00 → 03:00. Window 01:00–04:00 is two real hours.
    const vs = ['chair', 'a', 'b'].map((id) => vol(id, { canChair: id === 'chair', weekly: weekdays([0], H(1), H(4)) }));
    const r = findSlots(search({ volunteers: vs, venues: [video], count: 10, perDay: 10, stepMinutes: 30, now: min('2026-03-06T12:00:00Z'), horizonWeeks: 1 }));
    const march8 = r.proposals.filter((p) => p.localDate === '2026-03-08');
    expect(march8.map((p) => p.localMinute)).toEqual([H(1), H(3)]);
    for (const p of march8) {
      const s = localSpan(p, TZ);
      expect(s.start).toBeGreaterThanOrEqual(H(1));
      expect(s.end).toBeLessThanOrEqual(H(4));
    }
    expect(march8[1].start - march8[0].start).toBe(60);
  });

  it('keeps a Saturday 10:00 morning at 10:00 local across the November change', () => {
    const vs = ['chair', 'a', 'b'].map((id) => vol(id, { canChair: id === 'chair', weekly: weekdays([6], H(10), H(12)) }));
    const r = findSlots(search({ volunteers: vs, count: 2, now: min('2026-10-26T12:00:00Z') }));
    expect(r.proposals.map((p) => [p.localDate, p.localMinute])).toEqual([
      ['2026-10-31', H(10)],
      ['2026-11-07', H(10)],
    ]);
    expect(r.proposals[0].start).toBe(min('2026-10-31T15:00:00Z')); // CDT
    expect(r.proposals[1].start).toBe(min('2026-11-07T16:00:00Z')); // CST
  });

  it('handles the fall-back night: the repeated hour is never used past the window’s end', () => {
    // Sunday 1 November 2026: 02:00 CDT → 01:00 CST. Window 00:00–02:00 local.
    const vs = ['chair', 'a', 'b'].map((id) => vol(id, { canChair: id === 'chair', weekly: weekdays([0], H(0), H(2)) }));
    const r = findSlots(search({ volunteers: vs, venues: [video], count: 10, perDay: 10, now: min('2026-10-30T12:00:00Z'), horizonWeeks: 1 }));
    const nov1 = r.proposals.filter((p) => p.localDate === '2026-11-01');
    expect(nov1.length).toBeGreaterThan(0);
    for (const p of nov1) {
      const s = localSpan(p, TZ);
      expect(s.end).toBeLessThanOrEqual(H(2));
    }
  });

  it('applies dated exceptions: a day off removes the evening, an extra evening adds one', () => {
    const ex = [
      { date: '2026-03-03', kind: 'unavailable' as const, start: null, end: null },
      { date: '2026-03-07', kind: 'available' as const, start: H(10), end: H(12) },
    ];
    expect(dayWindows(weekdays([2], H(18), H(21)), ex, '2026-03-03', 2)).toEqual([]);
    expect(dayWindows([], ex, '2026-03-07', 6)).toEqual([{ start: H(10), end: H(12) }]);
    const vs = ['chair', 'a', 'b'].map((id) => vol(id, { canChair: id === 'chair', exceptions: id === 'a' ? ex : [{ date: '2026-03-07', kind: 'available', start: H(10), end: H(12) }] }));
    const r = findSlots(search({ volunteers: vs, count: 2 }));
    expect(r.proposals.map((p) => p.localDate)).toEqual(['2026-03-04', '2026-03-05']);
    const sat = findSlots(search({ volunteers: vs, count: 1, participant: { ...search().participant, windows: weekdays([6], H(9), H(13)) } }));
    expect(sat.proposals.map((p) => [p.localDate, p.localMinute])).toEqual([['2026-03-07', H(10)]]);
  });
});

describe('slot finder: weekly batch', () => {
  it('gives each case its own slot without double-booking a panel or a room', () => {
    const { participant, ...base } = search();
    const plan = planBatch(base, [
      { caseId: 'c1', participant, conflictedVolunteerIds: [] },
      { caseId: 'c2', participant, conflictedVolunteerIds: ['a'] },
      { caseId: 'c3', participant, conflictedVolunteerIds: [] },
    ]);
    const ps = plan.map((x) => x.proposal!);
    expect(ps.every(Boolean)).toBe(true);
    expect(ps[1].panel.map((s) => s.id)).not.toContain('a');
    for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) expect(overlaps(ps[i], ps[j])).toBe(false);
  });
});

// ---- property: every proposal is valid -------------------------------------------------------

const zones = ['America/Chicago', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC'];
const windowArb = fc.record({ weekday: fc.integer({ min: 0, max: 6 }), start: fc.integer({ min: 0, max: 44 }).map((x) => x * 30), len: fc.integer({ min: 2, max: 16 }).map((x) => x * 30) }).map((w) => ({ weekday: w.weekday, start: w.start, end: Math.min(1440, w.start + w.len) }));

const searchArb = fc
  .record({
    zone: fc.constantFrom(...zones),
    nowDay: fc.integer({ min: 0, max: 364 }),
    nowMinute: fc.integer({ min: 0, max: 1439 }),
    quorum: fc.integer({ min: 2, max: 4 }),
    requireChair: fc.boolean(),
    duration: fc.constantFrom(45, 60, 90),
    step: fc.constantFrom(15, 30, 60),
    perDay: fc.integer({ min: 1, max: 3 }),
    vols: fc.array(
      fc.record({
        eligible: fc.integer({ min: 0, max: 4 }).map((x) => x > 0),
        shared: fc.integer({ min: 0, max: 4 }).map((x) => x > 0),
        canChair: fc.boolean(),
        conflicted: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
        weekly: fc.array(windowArb, { maxLength: 6 }),
        untilOffset: fc.option(fc.integer({ min: -3, max: 30 })),
        exceptions: fc.array(fc.record({ dayOffset: fc.integer({ min: 0, max: 28 }), available: fc.boolean(), win: fc.option(windowArb) }), { maxLength: 3 }),
        busy: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 28 * 1440 }), len: fc.integer({ min: 15, max: 240 }) }), { maxLength: 4 }),
        limit: fc.integer({ min: 0, max: 4 }),
        count: fc.integer({ min: 0, max: 4 }),
        load: fc.integer({ min: 0, max: 6 }),
        access: fc.integer({ min: 0, max: 6 }).map((x) => x === 0),
      }),
      { minLength: 2, maxLength: 10 },
    ),
    pool: fc.array(windowArb, { minLength: 1, maxLength: 4 }),
    pMode: fc.integer({ min: 0, max: 2 }),
    venues: fc.array(fc.record({ shared: fc.boolean(), video: fc.boolean(), accessible: fc.boolean(), hours: fc.array(windowArb, { maxLength: 5 }), busy: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 28 * 1440 }), len: fc.integer({ min: 30, max: 300 }) }), { maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
    pWindows: fc.array(windowArb, { maxLength: 4 }),
    videoOk: fc.boolean(),
    pBusy: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 28 * 1440 }), len: fc.integer({ min: 30, max: 120 }) }), { maxLength: 2 }),
    pAccess: fc.boolean(),
  })
  .map((g) => {
    const now = min('2026-01-01T00:00:00Z') + g.nowDay * 1440 + g.nowMinute;
    const dateAt = (off: number) => new Date((now + off * 1440) * 60_000).toISOString().slice(0, 10);
    const q: SlotSearch = {
      timeZone: g.zone,
      now,
      horizonWeeks: 4,
      durationMinutes: g.duration,
      stepMinutes: g.step,
      minLeadMinutes: 12 * 60,
      quorum: g.quorum,
      requireChair: g.requireChair,
      count: 5,
      perDay: g.perDay,
      volunteers: g.vols.map((v, i) => ({
        id: `v${i}`,
        eligible: v.eligible,
        eligibleUntil: v.untilOffset === null ? null : dateAt(v.untilOffset),
        canChair: v.canChair,
        conflicted: v.conflicted,
        languages: ['en'],
        needsAccessibleVenue: v.access,
        weekly: v.shared ? [...g.pool, ...v.weekly] : v.weekly,
        exceptions: v.exceptions.map((e) => ({ date: dateAt(e.dayOffset), kind: e.available ? ('available' as const) : ('unavailable' as const), start: e.win?.start ?? (e.available ? 600 : null), end: e.win?.end ?? (e.available ? 720 : null) })),
        busy: v.busy.map((b) => ({ start: now + b.offset, end: now + b.offset + b.len })),
        monthlyLimit: v.limit,
        monthlyCounts: { [dateAt(5).slice(0, 7)]: v.count },
        load: v.load,
      })),
      venues: g.venues.map((v, i) => ({ id: `room${i}`, video: v.video, accessible: v.accessible, hours: v.video ? [] : v.shared ? g.pool : v.hours, busy: v.busy.map((b) => ({ start: now + b.offset, end: now + b.offset + b.len })) })),
      participant: { windows: g.pMode === 0 ? [] : g.pMode === 1 ? g.pool : g.pWindows, videoOk: g.videoOk, inPersonOk: true, needsAccessibleVenue: g.pAccess, transportNeeded: false, language: 'en', busy: g.pBusy.map((b) => ({ start: now + b.offset, end: now + b.offset + b.len })) },
    };
    return q;
  });

function assertValid(q: SlotSearch, p: Proposal, all: Proposal[]) {
  const span = localSpan(p, q.timeZone);
  expect(p.end - p.start).toBe(q.durationMinutes);
  expect(p.start).toBeGreaterThanOrEqual(q.now + q.minLeadMinutes);
  expect(p.end).toBeLessThanOrEqual(q.now + q.horizonWeeks * 7 * 1440);
  expect(p.localDate).toBe(span.date);
  // Quorum, chair, distinct seats.
  expect(p.panel).toHaveLength(q.quorum);
  const seats = [...p.panel.map((s) => s.id), ...(p.alternate ? [p.alternate] : [])];
  expect(new Set(seats).size).toBe(seats.length);
  if (q.requireChair) {
    const chairs = p.panel.filter((s) => s.role === 'chair');
    expect(chairs).toHaveLength(1);
    expect(q.volunteers.find((v) => v.id === chairs[0].id)!.canChair).toBe(true);
  }
  const venue = q.venues.find((v) => v.id === p.venueId)!;
  expect(venue.busy.some((b) => overlaps(b, p))).toBe(false);
  if (venue.hours.length) expect(inside(span, venue.hours.filter((h) => h.weekday === span.weekday))).toBe(true);
  if (!q.participant.videoOk) expect(venue.video).toBe(false);
  if (q.participant.needsAccessibleVenue) expect(venue.accessible || venue.video).toBe(true);
  if (q.participant.windows.length) expect(inside(span, q.participant.windows.filter((w) => w.weekday === span.weekday))).toBe(true);
  expect(q.participant.busy.some((b) => overlaps(b, p))).toBe(false);
  for (const id of seats) {
    const v = q.volunteers.find((x) => x.id === id)!;
    expect(v.eligible).toBe(true);
    expect(v.conflicted).toBe(false);
    if (v.eligibleUntil) expect(span.date <= v.eligibleUntil).toBe(true);
    // Inside their availability in local time, after that date's exceptions.
    expect(inside(span, dayWindows(v.weekly, v.exceptions, span.date, span.weekday))).toBe(true);
    expect(v.busy.some((b) => overlaps(b, p))).toBe(false);
    expect(v.monthlyCounts[span.date.slice(0, 7)] ?? 0).toBeLessThan(v.monthlyLimit);
    if (v.needsAccessibleVenue) expect(venue.accessible || venue.video).toBe(true);
  }
  for (const other of all) if (other !== p) expect(overlaps(other, p)).toBe(false);
}

describe('slot finder: properties', () => {
  it('every proposal is valid (quorum, chair, no conflicts, eligible, available in local time, nothing double-booked)', () => {
    let proposed = 0;
    fc.assert(
      fc.property(searchArb, (q) => {
        const r = findSlots(q);
        expect(r.proposals.length).toBeLessThanOrEqual(q.count);
        for (const p of r.proposals) assertValid(q, p, r.proposals);
        proposed += r.proposals.length;
        if (r.proposals.length < q.count) expect(r.missing.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 4242 },
    );
    expect(proposed).toBeGreaterThan(50);
  });

  it('a generous board always gets proposals, and what is missing is empty', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 364 }), (zone, day) => {
        const all = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: 0, end: 1440 }));
        const q = search({ timeZone: zone, now: min('2026-01-01T00:00:00Z') + day * 1440, venues: [video], volunteers: ['c', 'a', 'b'].map((id) => vol(id, { canChair: id === 'c', weekly: all })) });
        const r = findSlots(q);
        expect(r.proposals).toHaveLength(5);
        expect(r.missing).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
