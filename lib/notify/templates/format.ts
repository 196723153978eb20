/** Dates and times in the recipient's language and the jurisdiction's time zone. Pure. */
import type { NoticeLocale } from './context';

const intlLocale = (l: NoticeLocale) => (l === 'es' ? 'es-US' : 'en-US');

/** "Tuesday, November 10, 2026 at 6:00 PM CST" / "martes, 10 de noviembre de 2026, 6:00 p.m. CST" */
export function longDateTime(iso: string | Date, locale: NoticeLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** "Tue, Nov 10, 6:00 PM CST" / "mar, 10 de nov, 6:00 p.m. CST": for SMS. */
export function shortDateTime(iso: string | Date, locale: NoticeLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** "6:00 PM CST": same-day reminders only need the time. */
export function timeOnly(iso: string | Date, locale: NoticeLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as words; no time zone shift, it is a date, not an instant. */
export function longDate(isoDate: string, locale: NoticeLocale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );
}

export function shortDate(isoDate: string, locale: NoticeLocale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));
}
