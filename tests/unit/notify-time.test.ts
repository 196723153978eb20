import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deferForQuietHours, isQuietTime, parseHm } from '@/lib/notify/quiet-hours';
import { reminderSchedule } from '@/lib/notify/reminder-schedule';

const zones = ['America/Chicago', 'America/New_York', 'America/Los_Angeles', 'America/Phoenix', 'Pacific/Honolulu', 'Europe/London', 'Australia/Lord_Howe'];
const HOUR = 3_600_000;
const localHm = (d: Date, tz: string) => {
  const l = new TZDate(d.getTime(), tz);
  return l.getHours() * 60 + l.getMinutes();
};
// 2026–2029, which covers several DST changes in every zone above.
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2029, 11, 31) }).map((ms) => new Date(ms));
const hm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

describe('quiet hours', () => {
  it('defers a text at 21:00–08:00 local to 08:00, and leaves daytime alone', () => {
    const tz = 'America/Chicago';
    const at = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(new TZDate(y, mo - 1, d, h, mi, 0, 0, tz).getTime());
    expect(deferForQuietHours(at(2027, 5, 4, 21, 0), tz).getTime()).toBe(at(2027, 5, 5, 8, 0).getTime());
    expect(deferForQuietHours(at(2027, 5, 4, 23, 59), tz).getTime()).toBe(at(2027, 5, 5, 8, 0).getTime());
    expect(deferForQuietHours(at(2027, 5, 5, 0, 10), tz).getTime()).toBe(at(2027, 5, 5, 8, 0).getTime());
    expect(deferForQuietHours(at(2027, 5, 5, 7, 59), tz).getTime()).toBe(at(2027, 5, 5, 8, 0).getTime());
    expect(deferForQuietHours(at(2027, 5, 5, 8, 0), tz).getTime()).toBe(at(2027, 5, 5, 8, 0).getTime());
    expect(deferForQuietHours(at(2027, 5, 5, 20, 59), tz).getTime()).toBe(at(2027, 5, 5, 20, 59).getTime());
    // Fall back (7 Nov 2027): 22:00 CDT → 08:00 CST, a 11-hour night.
    expect(deferForQuietHours(new Date('2027-11-07T03:00:00Z'), tz).toISOString()).toBe('2027-11-07T14:00:00.000Z');
  });

  it('property: windows ending inside a DST jump or a repeated hour still give an allowed time after `at`', () => {
    // Nights of US and EU clock changes in 2027, every minute-ish of them.
    const nights = ['2027-03-14T05:00:00Z', '2027-11-07T04:00:00Z', '2027-03-28T00:00:00Z', '2027-10-31T00:00:00Z'].map(Date.parse);
    fc.assert(
      fc.property(fc.constantFrom(...nights), fc.integer({ min: 0, max: 6 * 60 }), fc.constantFrom('America/Chicago', 'Europe/London'), fc.constantFrom('01:30', '02:00', '02:30', '01:00'), (night, minutes, tz, end) => {
        const at = new Date(night + minutes * 60_000);
        const qh = { start: '22:00', end };
        const out = deferForQuietHours(at, tz, qh);
        expect(out.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(isQuietTime(out, tz, qh)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('a spring-forward night that swallows the allowed window defers to the next day', () => {
    const qh = { start: '01:45', end: '01:00' };
    const out = deferForQuietHours(new Date('2028-03-25T01:45:00.000Z'), 'Europe/London', qh);
    expect(out.toISOString()).toBe('2028-03-27T00:00:00.000Z'); // 01:00 BST on Monday
    expect(isQuietTime(out, 'Europe/London', qh)).toBe(false);
  });

  it('an end inside an hour the clocks repeat gives its first occurrence (Lord Howe, 30-minute shift)', () => {
    // 1 April 2029, 02:00 → 01:30 in Australia/Lord_Howe: 01:30–02:00 happens twice; the first is allowed.
    const out = deferForQuietHours(new Date('2029-03-30T15:00:00Z'), 'Australia/Lord_Howe', { start: '02:00', end: '01:30' });
    expect(out.toISOString()).toBe('2029-03-31T14:30:00.000Z');
  });

  it('start = end means no quiet hours; bad settings fail loudly', () => {
    expect(isQuietTime(new Date('2027-01-01T05:00:00Z'), 'America/Chicago', { start: '00:00', end: '00:00' })).toBe(false);
    expect(() => parseHm('9pm')).toThrow(/HH:MM/);
  });

  it('property: the result is never earlier, is outside the window, and is the first allowed minute when deferred', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), hm, hm, (at, tz, start, end) => {
        const qh = { start, end };
        const out = deferForQuietHours(at, tz, qh);
        expect(out.getTime()).toBeGreaterThanOrEqual(at.getTime());
        // Normally within a day; a spring-forward night can swallow a short allowed window whole
        // (e.g. allowed 01:00–01:45 in London on the night clocks jump 01:00 → 02:00), and then the
        // next allowed minute is a day later.
        expect(out.getTime() - at.getTime()).toBeLessThanOrEqual(50 * HOUR);
        if (!isQuietTime(at, tz, qh)) {
          expect(out.getTime()).toBe(at.getTime());
        } else {
          expect(isQuietTime(out, tz, qh)).toBe(false);
          // One minute earlier is still quiet (or before `at`): nothing allowed was skipped. On a
          // night whose clocks jump over the window's end, the first minute after the jump counts.
          const before = new Date(out.getTime() - 60_000);
          const jumped = localHm(out, tz) !== parseHm(end);
          expect(before.getTime() < at.getTime() || isQuietTime(before, tz, qh) || jumped).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('reminder schedule', () => {
  const tz = 'America/Chicago';
  it('booked two weeks ahead: confirmation now, 7 and 2 days before at the hearing’s local time, 08:00 on the day', () => {
    const startsAt = new Date('2027-03-18T23:00:00Z'); // Thu 18 March 2027, 6 pm CDT (DST began 14 March)
    const bookedAt = new Date('2027-03-04T16:00:00Z'); // 10 am CST
    expect(reminderSchedule({ startsAt, bookedAt, timeZone: tz }).map((s) => [s.kind, s.sendAt.toISOString()])).toEqual([
      ['confirmation', '2027-03-04T16:00:00.000Z'],
      ['7d', '2027-03-12T00:00:00.000Z'], // Thu 11 March, 6 pm CST: same wall clock across the change
      ['2d', '2027-03-16T23:00:00.000Z'],
      ['day_of', '2027-03-18T13:00:00.000Z'],
    ]);
  });

  it('leaves out reminders already past or right after booking, and a morning-of reminder too close to an early hearing', () => {
    const startsAt = new Date('2027-05-06T23:00:00Z'); // Thu 6 pm CDT
    const three = reminderSchedule({ startsAt, bookedAt: new Date('2027-05-03T15:00:00Z'), timeZone: tz });
    expect(three.map((s) => s.kind)).toEqual(['confirmation', '2d', 'day_of']);
    const sameDay = reminderSchedule({ startsAt, bookedAt: new Date('2027-05-06T14:30:00Z'), timeZone: tz });
    expect(sameDay.map((s) => s.kind)).toEqual(['confirmation']);
    const early = reminderSchedule({ startsAt: new Date('2027-05-06T13:30:00Z'), bookedAt: new Date('2027-04-01T15:00:00Z'), timeZone: tz });
    expect(early.map((s) => s.kind)).toEqual(['confirmation', '7d', '2d']);
  });

  it('property: every reminder lies between booking and start, in order, once each; the morning one is at 08:00 local', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 * 24 * 40 }), fc.constantFrom(...zones), (bookedAt, minutesAhead, zone) => {
        const startsAt = new Date(bookedAt.getTime() + minutesAhead * 60_000);
        const s = reminderSchedule({ startsAt, bookedAt, timeZone: zone });
        expect(s[0]).toEqual({ kind: 'confirmation', sendAt: bookedAt });
        const kinds = s.map((x) => x.kind);
        expect(new Set(kinds).size).toBe(kinds.length);
        for (let i = 1; i < s.length; i++) {
          expect(s[i].sendAt.getTime()).toBeGreaterThanOrEqual(s[i - 1].sendAt.getTime());
          expect(s[i].sendAt.getTime()).toBeGreaterThanOrEqual(bookedAt.getTime() + 6 * HOUR);
          expect(s[i].sendAt.getTime()).toBeLessThanOrEqual(startsAt.getTime());
        }
        const dayOf = s.find((x) => x.kind === 'day_of');
        if (dayOf) {
          expect(localHm(dayOf.sendAt, zone)).toBe(8 * 60);
          expect(startsAt.getTime() - dayOf.sendAt.getTime()).toBeGreaterThanOrEqual(HOUR);
          expect(startsAt.getTime() - dayOf.sendAt.getTime()).toBeLessThan(24 * HOUR);
        }
        // Far enough ahead, nothing is left out.
        if (minutesAhead >= 60 * 24 * 8 && localHm(startsAt, zone) >= 9 * 60) expect(kinds).toEqual(['confirmation', '7d', '2d', 'day_of']);
      }),
      { numRuns: 1000 },
    );
  });
});
