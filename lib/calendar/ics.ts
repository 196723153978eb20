/**
 * iCalendar files for hearings (single download and subscription feeds), written with `ics`.
 * One hearing is one VEVENT forever: its UID never changes and SEQUENCE rises with every move or
 * cancellation, so calendar apps update the event instead of adding a second one.
 * Titles carry no participant name: calendars sync to third-party services.
 */
import { createEvents, type EventAttributes } from 'ics';

export type IcsHearing = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  status: 'scheduled' | 'held' | 'postponed' | 'cancelled' | 'no_show_participant' | 'no_show_panel';
  title: string;
  location: string;
  description: string;
  url?: string | null;
};

export const hearingUid = (hearingId: string) => `hearing-${hearingId}@common-ground`;

export function hearingsToIcs(items: IcsHearing[], opts: { calName: string; method?: 'PUBLISH' }): string {
  const events: EventAttributes[] = items.map((h) => ({
    uid: hearingUid(h.id),
    sequence: h.sequence,
    start: h.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: h.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: h.title,
    location: h.location,
    description: h.description,
    ...(h.url ? { url: h.url } : {}),
    status: h.status === 'cancelled' || h.status === 'postponed' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    productId: 'common-ground/hearings',
    calName: opts.calName,
  }));
  if (events.length === 0) {
    // `ics` refuses an empty list; an empty calendar is still a valid feed.
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'PRODID:common-ground/hearings', `METHOD:${opts.method ?? 'PUBLISH'}`, `X-WR-CALNAME:${opts.calName}`, 'END:VCALENDAR', ''].join('\r\n');
  }
  const { error, value } = createEvents(events, { productId: 'common-ground/hearings', method: opts.method ?? 'PUBLISH', calName: opts.calName });
  if (error || !value) throw error ?? new Error('Could not write the calendar file');
  return value;
}
