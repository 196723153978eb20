/**
 * When to send a hearing's notices, from its start, the moment it was booked and the jurisdiction's
 * time zone. Pure. The 7- and 2-day reminders keep the hearing's local time of day (a 6 pm hearing
 * gets its reminders at 6 pm, across DST changes); the morning-of reminder goes at 08:00 local.
 * Reminders already past, or due so soon after booking that the confirmation says the same thing,
 * are left out. SMS quiet hours are applied later, by the worker (deferred, not dropped).
 */
import { TZDate } from '@date-fns/tz';
import { parseHm } from './quiet-hours';

export type ReminderKind = 'confirmation' | '7d' | '2d' | 'day_of';
export type ScheduledNotice = { kind: ReminderKind; sendAt: Date };

export type ReminderScheduleInput = {
  startsAt: Date;
  bookedAt: Date;
  timeZone: string;
  /** Local time of the morning-of reminder. */
  morningOf?: string;
  /** A reminder due less than this after booking is dropped (the confirmation covers it). */
  minGapAfterBookingMs?: number;
  /** The morning-of reminder must come at least this long before the start. */
  minLeadBeforeStartMs?: number;
};

const HOUR = 3_600_000;

export function reminderSchedule(input: ReminderScheduleInput): ScheduledNotice[] {
  const { startsAt, bookedAt, timeZone } = input;
  const minGap = input.minGapAfterBookingMs ?? 6 * HOUR;
  const minLead = input.minLeadBeforeStartMs ?? 1 * HOUR;
  const out: ScheduledNotice[] = [{ kind: 'confirmation', sendAt: bookedAt }];
  if (startsAt.getTime() <= bookedAt.getTime()) return out;

  const start = new TZDate(startsAt.getTime(), timeZone);
  const daysBefore = (n: number) =>
    new Date(new TZDate(start.getFullYear(), start.getMonth(), start.getDate() - n, start.getHours(), start.getMinutes(), 0, 0, timeZone).getTime());
  const m = parseHm(input.morningOf ?? '08:00');
  const morning = new Date(new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), Math.floor(m / 60), m % 60, 0, 0, timeZone).getTime());

  const candidates: ScheduledNotice[] = [
    { kind: '7d', sendAt: daysBefore(7) },
    { kind: '2d', sendAt: daysBefore(2) },
    { kind: 'day_of', sendAt: morning },
  ];
  for (const c of candidates) {
    const t = c.sendAt.getTime();
    if (t < bookedAt.getTime() + minGap) continue;
    if (t > startsAt.getTime() - (c.kind === 'day_of' ? minLead : 0)) continue;
    out.push(c);
  }
  return out;
}
