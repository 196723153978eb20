import type { CaseStatus } from '@/lib/domain/case-lifecycle';

const tone: Record<CaseStatus, string> = {
  referred: 'bg-sky-50 text-sky-800 ring-sky-200',
  needs_review: 'bg-amber-50 text-amber-900 ring-amber-300',
  ineligible: 'bg-stone-100 text-stone-700 ring-stone-300',
  eligible: 'bg-sky-50 text-sky-800 ring-sky-200',
  offered: 'bg-sky-50 text-sky-800 ring-sky-200',
  accepted: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  assigned: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  hearing_scheduled: 'bg-violet-50 text-violet-800 ring-violet-200',
  hearing_held: 'bg-violet-50 text-violet-800 ring-violet-200',
  in_progress: 'bg-brand-50 text-brand-800 ring-brand-100',
  completed: 'bg-green-50 text-green-800 ring-green-200',
  returned: 'bg-stone-100 text-stone-700 ring-stone-300',
};

/**
 * A case status pill. Synchronous on purpose: the page gets the `status` translator once and passes
 * the label (an async component per row cost a translator lookup and a suspended render each).
 */
export function StatusBadge({ status, label }: { status: CaseStatus; label: string }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${tone[status]}`}>{label}</span>;
}
