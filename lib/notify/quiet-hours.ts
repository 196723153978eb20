/**
 * Quiet hours for SMS: no text is sent between `start` and `end` local time (default 21:00–08:00,
 * per jurisdiction in settings.smsQuietHours). A text due inside the window is deferred to the
 * window's end, never dropped. Pure; DST-correct through @date-fns/tz (the wall clock of the
 * jurisdiction decides, not a fixed UTC offset).
 */
import { TZDate } from '@date-fns/tz';

export type QuietHours = { start: string; end: string };
export const defaultQuietHours: QuietHours = { start: '21:00', end: '08:00' };

/** "21:00" → 1260. Throws on anything that is not HH:MM, so a bad setting fails loudly. */
export function parseHm(hm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hm);
  if (!m) throw new Error(`Quiet hours must be HH:MM, got "${hm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function localMinutes(at: Date, timeZone: string): { local: TZDate; minutes: number } {
  const local = new TZDate(at.getTime(), timeZone);
  return { local, minutes: local.getHours() * 60 + local.getMinutes() };
}

/** Is `at` inside the quiet window? start === end means no quiet hours at all. */
export function isQuietTime(at: Date, timeZone: string, qh: QuietHours = defaultQuietHours): boolean {
  const start = parseHm(qh.start);
  const end = parseHm(qh.end);
  if (start === end) return false;
  const { minutes } = localMinutes(at, timeZone);
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/**
 * The earliest moment at or after `at` outside the quiet window: `at` itself when it is allowed,
 * otherwise the window's end (today's when we are past midnight, tomorrow's when still evening).
 */
export function deferForQuietHours(at: Date, timeZone: string, qh: QuietHours = defaultQuietHours): Date {
  if (!isQuietTime(at, timeZone, qh)) return at;
  const start = parseHm(qh.start);
  const end = parseHm(qh.end);
  const { local, minutes } = localMinutes(at, timeZone);
  // The window wraps midnight when start > end; in its evening part the end is tomorrow.
  const addDay = start > end && minutes >= start ? 1 : 0;
  const target = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + addDay, Math.floor(end / 60), end % 60, 0, 0, timeZone);
  if (target.getTime() > at.getTime() && !isQuietTime(target, timeZone, qh)) {
    // An end that falls in a repeated hour (clocks going back over it, e.g. Lord Howe's 30-minute
    // shift) can resolve to its second occurrence; the first one is already allowed. Step back to
    // the first allowed minute (at most the size of the shift).
    let t = target.getTime();
    for (let k = 0; k < 120 && t - 60_000 > at.getTime() && !isQuietTime(new Date(t - 60_000), timeZone, qh); k++) t -= 60_000;
    return new Date(t);
  }
  // DST edge: the end falls in an hour that repeats (or is skipped) tonight, and the wall clock
  // resolved to the wrong side of `at`. Walk forward to the first allowed minute instead.
  let t = Math.ceil((at.getTime() + 1) / 60_000) * 60_000;
  while (isQuietTime(new Date(t), timeZone, qh)) t += 60_000;
  return new Date(t);
}
