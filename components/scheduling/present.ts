import 'server-only';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { NamedProposal } from '@/db/queries/scheduling';
import type { Missing } from '@/lib/domain/slot-finder';

/** A proposal as the browser needs it: formatted in the jurisdiction's zone, names resolved. */
export type ProposalView = { token: string; when: string; venue: string; video: boolean; panel: { name: string; role: 'chair' | 'member' }[]; alternate: string | null };

export async function presentProposals(ps: NamedProposal[], timeZone: string): Promise<ProposalView[]> {
  const format = await getFormatter();
  return ps.map((p) => ({
    token: p.token,
    when: `${format.dateTime(p.startsAt, { weekday: 'long', month: 'long', day: 'numeric', timeZone })}, ${format.dateTime(p.startsAt, { hour: 'numeric', minute: '2-digit', timeZone })}–${format.dateTime(p.endsAt, { hour: 'numeric', minute: '2-digit', timeZone })}`,
    venue: p.venue.room ? `${p.venue.name} · ${p.venue.room}` : p.venue.name,
    video: p.venue.video,
    panel: p.panel.map((s) => ({ name: s.name, role: s.role })),
    alternate: p.alternate?.name ?? null,
  }));
}

/** Weekday names in the reader's language (0 = Sunday). */
export async function weekdayNames(style: 'long' | 'short' = 'long'): Promise<string[]> {
  const format = await getFormatter();
  return [0, 1, 2, 3, 4, 5, 6].map((d) => format.dateTime(new Date(Date.UTC(2026, 0, 4 + d, 12)), { weekday: style, timeZone: 'UTC' }));
}

export async function describeMissing(missing: Missing[], boardName: string): Promise<string[]> {
  const t = await getTranslations('scheduling.missing');
  const days = await weekdayNames();
  return missing.map((m) => {
    switch (m.code) {
      case 'not_enough_eligible':
        return t('not_enough_eligible', { eligible: m.eligible, needed: m.needed, onBoard: m.onBoard, ineligible: m.ineligible, conflicted: m.conflicted, board: boardName });
      case 'no_chair':
        return t('no_chair', { board: boardName });
      case 'participant_windows':
        return t('participant_windows');
      case 'weekday_short':
        return t('weekday_short', { free: m.free, needed: m.needed, weekday: days[m.weekday] });
      case 'weekday_no_chair':
        return t('weekday_no_chair', { weekday: days[m.weekday] });
      case 'no_venue':
        return t('no_venue');
      case 'fewer_than_wanted':
        return t('fewer_than_wanted', { found: m.found, wanted: m.wanted });
    }
  });
}
