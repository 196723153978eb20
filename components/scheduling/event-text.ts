import 'server-only';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { CaseEventPayload } from '@/lib/domain/case-events';

/** Timeline wording for the scheduling events (hearing_* and task_opened). */
export async function hearingEventDescriber(timeZone: string) {
  const t = await getTranslations('scheduling.event');
  const th = await getTranslations('scheduling');
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return (p: CaseEventPayload): string => {
    switch (p.type) {
      case 'hearing_booked':
        return t('booked', { kind: th(`kind.${p.kind}`), when: when(p.startsAt), venue: p.venueName });
      case 'hearing_rescheduled':
        return t('rescheduled', { from: when(p.previousStartsAt), to: when(p.startsAt), reason: p.reason });
      case 'hearing_cancelled':
        return t('cancelled', { when: when(p.startsAt), reason: p.reason });
      case 'hearing_disposition':
        return t('disposition', { when: when(p.startsAt), outcome: th(`hearingStatus.${p.disposition}`) });
      case 'task_opened':
        return t('task', { task: th(`task.${p.kind}`) });
      default:
        return p.type;
    }
  };
}
