import type { HearingStatus } from '@/db/schema/hearings';

const tone: Record<HearingStatus, string> = {
  scheduled: 'bg-violet-50 text-violet-800 ring-violet-200',
  held: 'bg-green-50 text-green-800 ring-green-200',
  postponed: 'bg-amber-50 text-amber-900 ring-amber-300',
  cancelled: 'bg-stone-100 text-stone-700 ring-stone-300',
  no_show_participant: 'bg-red-50 text-red-800 ring-red-200',
  no_show_panel: 'bg-red-50 text-red-800 ring-red-200',
};

/** Synchronous: the caller passes the label from the translator it already has (no lookup per row). */
export function HearingStatusBadge({ status, label }: { status: HearingStatus; label: string }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${tone[status]}`}>{label}</span>;
}
