/** The calendar file attached to hearing emails. Same UID for the life of a hearing; SEQUENCE grows. */
import { createEvent } from 'ics';
import { placeText } from './catalog';
import type { NoticeContext } from './context';
import type { HearingData } from './data';

export function hearingIcs(d: HearingData, c: NoticeContext, kind: 'publish' | 'cancel'): string {
  const title = c.locale === 'es' ? `Reunión con el comité: ${c.programName}` : `Board meeting: ${c.programName}`;
  const help = c.locale === 'es' ? `¿Preguntas o no puede venir? Llame al ${c.helpPhone}.` : `Questions, or cannot come? Call ${c.helpPhone}.`;
  const { error, value } = createEvent({
    productId: 'common-ground/notify',
    method: kind === 'cancel' ? 'CANCEL' : 'PUBLISH',
    uid: `hearing-${d.hearingId}@common-ground`,
    sequence: d.sequence,
    start: Date.parse(d.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(d.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title,
    description: [d.boardName, help].filter(Boolean).join('\n'),
    location: [placeText(d, c.locale), d.address].filter(Boolean).join(', '),
    ...(d.videoUrl ? { url: d.videoUrl } : {}),
    status: kind === 'cancel' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    organizer: { name: c.programName, email: c.senderEmail ?? 'notices@common-ground.invalid' },
  });
  if (error || !value) throw error ?? new Error('Could not build the calendar file');
  return value;
}
