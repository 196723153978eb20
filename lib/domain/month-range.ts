/**
 * Split an inclusive range of calendar dates (YYYY-MM-DD) into the whole months it covers and the
 * partial-month days at either edge, so a sum over the range can read one row per month for the
 * middle and one per day only at the edges. Pure calendar arithmetic on dates (no time zone: the
 * dates are already local to the jurisdiction).
 */
export type DateSpan = { from: string; to: string };
export type MonthSplit = {
  /** First days of the first and last whole month inside the range, or null when there is none. */
  months: DateSpan | null;
  /** Zero, one or two day spans (before and after the whole months) that are not in them. */
  days: DateSpan[];
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);
const addDays = (d: Date, k: number) => new Date(d.getTime() + k * 86_400_000);
// setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
const monthStart = (d: Date, plus = 0) => {
  const x = new Date(0);
  x.setUTCFullYear(d.getUTCFullYear(), d.getUTCMonth() + plus, 1);
  return x;
};

export function splitByMonths(from: string, to: string): MonthSplit {
  if (from > to) return { months: null, days: [] };
  const a = parse(from);
  const b = parse(to);
  // Whole months are [first, endExclusive): from the first 1st on or after `from` to the first 1st
  // after the last whole month (the day after `to` when `to` ends a month).
  const first = a.getUTCDate() === 1 ? a : monthStart(a, 1);
  const afterTo = addDays(b, 1);
  const endExclusive = afterTo.getUTCDate() === 1 ? afterTo : monthStart(b);
  if (first >= endExclusive) return { months: null, days: [{ from, to }] };
  const days: DateSpan[] = [];
  if (a < first) days.push({ from, to: iso(addDays(first, -1)) });
  if (endExclusive <= b) days.push({ from: iso(endExclusive), to });
  return { months: { from: iso(first), to: iso(monthStart(endExclusive, -1)) }, days };
}
