/**
 * Local wall-clock time in one IANA zone, in integer minutes, for the scheduler.
 *
 * "utc" values are minutes since the Unix epoch; "wall" values are the same count of the local
 * clock (utc + offset), so `Math.floor(wall / 1440)` is the local day number and
 * `wall % 1440` the minute of the local day. A zone clock samples the zone's offsets once for a
 * span (a few dozen Intl calls, with a binary search around each DST change) and then converts
 * without touching Intl again.
 */

export const MINUTES_PER_DAY = 1440;

type Segment = { from: number; offset: number };

export type ZoneClock = {
  timeZone: string;
  offsetAt(utc: number): number;
  toWall(utc: number): number;
  /** The instant a wall time names. In a spring-forward gap: the instant the clock jumps. When
   *  ambiguous (fall back): `'earliest'` or `'latest'` of the two. */
  toUtc(wall: number, pick?: 'earliest' | 'latest'): number;
  /** Like toUtc, but null for wall times that do not exist (inside a spring-forward gap). */
  toUtcStrict(wall: number): number | null;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset in minutes of a zone at an instant, with one cached formatter per zone. */
export function offsetMinutes(timeZone: string, utc: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(utc * 60_000));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return Math.round(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) / 60_000) - utc;
}

export function zoneClock(timeZone: string, fromUtc: number, toUtc: number): ZoneClock {
  const start = fromUtc - 2 * MINUTES_PER_DAY;
  const end = toUtc + 2 * MINUTES_PER_DAY;
  // Real zones never change offset twice within a week, so weekly samples find every change;
  // a binary search then pins each one to the minute.
  const step = 7 * MINUTES_PER_DAY;
  const segments: Segment[] = [{ from: Number.NEGATIVE_INFINITY, offset: offsetMinutes(timeZone, start) }];
  let prev = segments[0].offset;
  for (let t = start + step; t <= end + step; t += step) {
    const o = offsetMinutes(timeZone, t);
    if (o !== prev) {
      // The change happened in (t - step, t]: find its first minute.
      let lo = t - step;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMinutes(timeZone, mid) === prev) lo = mid;
        else hi = mid;
      }
      segments.push({ from: hi, offset: o });
      prev = o;
    }
  }

  const offsetAt = (utc: number) => {
    let o = segments[0].offset;
    for (let i = 1; i < segments.length && segments[i].from <= utc; i++) o = segments[i].offset;
    return o;
  };
  const candidates = (wall: number) => {
    const out: number[] = [];
    for (const s of segments) {
      const utc = wall - s.offset;
      if (offsetAt(utc) === s.offset && !out.includes(utc)) out.push(utc);
    }
    return out.sort((a, b) => a - b);
  };
  const gapInstant = (wall: number) => {
    for (let i = 1; i < segments.length; i++) {
      const before = segments[i - 1].offset;
      const after = segments[i].offset;
      const t = segments[i].from;
      if (after > before && wall >= t + before && wall < t + after) return t;
    }
    return null;
  };
  return {
    timeZone,
    offsetAt,
    toWall: (utc) => utc + offsetAt(utc),
    toUtc(wall, pick = 'earliest') {
      const c = candidates(wall);
      if (c.length) return pick === 'earliest' ? c[0] : c[c.length - 1];
      const t = gapInstant(wall);
      return t ?? wall - offsetAt(wall);
    },
    toUtcStrict(wall) {
      const c = candidates(wall);
      return c.length ? c[0] : null;
    },
  };
}

/** Local day number (days since 1970-01-01) of an ISO date. */
export function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

const isoCache = new Map<number, string>();
export function isoDateOfDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (isoCache.size > 20_000) isoCache.clear();
    isoCache.set(day, s);
  }
  return s;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Local month index (year * 12 + month0) of a local day number. */
export function monthOfDay(day: number): number {
  const iso = isoDateOfDay(day);
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

export const toEpochMinutes = (d: Date) => Math.floor(d.getTime() / 60_000);
export const fromEpochMinutes = (m: number) => new Date(m * 60_000);

/** "18:30" ⇄ 1110. */
export function parseClock(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export function formatClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
