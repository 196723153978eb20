/**
 * Calendar dates typed into a URL (?from=, ?to=, ?week=), kept inside the range the database and
 * the pages can work with, so a hand-edited address is refused or ignored instead of answering 500.
 */
import { tz } from '@date-fns/tz';
import { isValid, parseISO, startOfISOWeek } from 'date-fns';
import { z } from 'zod';

/**
 * A YYYY-MM-DD day filter. PostgreSQL has no year 0 (SQLSTATE 22008), and searches run up to the
 * start of the day after `to`, which for 9999-12-31 is in year 10000 (22009): both are refused here.
 * String comparison is calendar order for four-digit ISO dates.
 */
export const FIRST_FILTER_DAY = '0001-01-01';
export const LAST_FILTER_DAY = '9999-12-30';
export const filterDay = z.iso
  .date()
  .refine((d) => d >= FIRST_FILTER_DAY && d <= LAST_FILTER_DAY, `Enter a date between ${FIRST_FILTER_DAY} and ${LAST_FILTER_DAY}.`);

/**
 * Weeks the schedule shows: from 1900 (Date.UTC would read years 0–99 as 1900–1999) to the end of
 * November 9999, so the four-week list and the days around it stay inside year 9999.
 */
export const FIRST_SCHEDULE_WEEK = '1900-01-01';
export const LAST_SCHEDULE_WEEK = '9999-11-30';

const MS_PER_DAY = 86_400_000;
const utc = tz('UTC');

/**
 * The Monday (local day number: days since 1970-01-01) of the week holding `week`, a YYYY-MM-DD
 * from the URL; of the week holding `today` (a local day number) when `week` is missing, not a real
 * date, or outside FIRST_SCHEDULE_WEEK…LAST_SCHEDULE_WEEK.
 */
export function scheduleWeekMonday(week: unknown, today: number): number {
  const asked =
    typeof week === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(week) && week >= FIRST_SCHEDULE_WEEK && week <= LAST_SCHEDULE_WEEK
      ? parseISO(week, { in: utc })
      : null;
  const anchor = asked && isValid(asked) ? asked : today * MS_PER_DAY;
  return Math.round(startOfISOWeek(anchor, { in: utc }).getTime() / MS_PER_DAY);
}
