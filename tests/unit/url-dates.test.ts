import { describe, expect, it } from 'vitest';
import { dayNumber, isoDateOfDay, weekdayOfDay } from '@/lib/domain/local-time';
import { filterDay, scheduleWeekMonday } from '@/lib/domain/url-dates';

// Wednesday 2026-03-04.
const today = Math.floor(Date.parse('2026-03-04T00:00:00Z') / 86_400_000);
const monday = (week: unknown) => isoDateOfDay(scheduleWeekMonday(week, today));

describe('scheduleWeekMonday (the week of /schedule?week=)', () => {
  it('is the Monday of the week holding the date', () => {
    expect(monday('2026-03-02')).toBe('2026-03-02');
    expect(monday('2026-03-08')).toBe('2026-03-02'); // Sunday ends the week
    expect(monday('2024-02-29')).toBe('2024-02-26');
    expect(monday('2027-01-01')).toBe('2026-12-28'); // across a year end
    expect(monday('1900-01-01')).toBe('1900-01-01'); // the first week accepted
    expect(monday('9999-11-30')).toBe('9999-11-29'); // the last one
  });

  it('is today’s week without a date, or for one that is no date', () => {
    for (const week of [undefined, '', 'soon', '2026-3-2', '2026-02-31', '2026-13-01', '2026-03-02T10:00', ' 2026-03-02', '+02026-03-02', ['2026-03-09', '2026-03-16'], 20260309]) {
      expect(monday(week), JSON.stringify(week)).toBe('2026-03-02');
    }
  });

  it('is today’s week for a date before 1900 or after November 9999 (no 1926 for 0026, no year 10000)', () => {
    // Date.UTC reads years 0–99 as 1900–1999: ?week=0026-03-02 used to show March 1926.
    for (const week of ['0026-03-02', '0000-01-01', '1899-12-31', '9999-12-01', '9999-12-06', '9999-12-31']) {
      expect(monday(week), week).toBe('2026-03-02');
    }
  });

  it('always lands on a Monday, for any today', () => {
    for (const iso of ['1970-01-01', '2026-03-01', '2026-03-02', '2026-03-07', '2031-10-26']) {
      const m = scheduleWeekMonday(undefined, dayNumber(iso));
      expect(weekdayOfDay(m), iso).toBe(1);
      expect(dayNumber(iso) - m).toBeGreaterThanOrEqual(0);
      expect(dayNumber(iso) - m).toBeLessThan(7);
    }
  });
});

describe('filterDay (audit ?from= / ?to=)', () => {
  it('takes 0001-01-01 to 9999-12-30 and refuses year 0, 9999-12-31 and non-dates', () => {
    for (const ok of ['0001-01-01', '2026-03-04', '2024-02-29', '9999-12-30']) expect(filterDay.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['0000-01-01', '0000-12-31', '9999-12-31', '2026-02-31', '10000-01-01', '2026-3-4']) expect(filterDay.safeParse(bad).success, bad).toBe(false);
  });
});
