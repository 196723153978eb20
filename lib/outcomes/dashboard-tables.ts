/**
 * Every dashboard table as plain columns and rows: the page's data-table alternatives and the CSV
 * export come from here, so the two always agree. Suppressed cells are null (shown as "suppressed").
 * No treatment data exists in the dashboard, so none can reach a table.
 */
import type { FunnelRow } from '@/lib/domain/metrics';
import { funnelSteps } from '@/lib/domain/metrics';

export type Cell = string | number | null;
export type DataTable = { columns: string[]; rows: Cell[][] };

/** The shape the tables need (a subset of db/queries/dashboard's result). */
export type DashboardData = {
  referred: number;
  screened: number;
  eligible: number;
  ineligible: number;
  needsReview: number;
  offered: number;
  accepted: number;
  ineligibleReasons: { reason: string; count: number }[];
  daysToFirstHearing: { n: number; median: number | null; p90: number | null };
  waiting: { externalCaseNumber: string; status: string; referredAt: Date; board: string | null }[];
  appearance: { attended: number; missed: number; rate: number | null };
  activeCaseload: { board: string | null; count: number }[];
  obligations: { cases: number; casesOverdue: number; total: number; complete: number; onTrack: number; overdue: number; overdueRate: number | null };
  completion: { completed: number; returned: number; closedAfterAccept: number; rate: number | null; medianDays: number | null; p90Days: number | null };
  returns: { reason: string; count: number }[];
  rereferral: { months: number; base: number; rereferred: number; rate: number | null }[];
  funnel: Record<'race' | 'ethnicity' | 'sex' | 'age_band', FunnelRow[]>;
};

export const tableNames = [
  'summary',
  'ineligible-reasons',
  'first-hearing',
  'waiting',
  'caseload',
  'obligations',
  'completion',
  'returns',
  'rereferral',
  'equity-race',
  'equity-ethnicity',
  'equity-sex',
  'equity-age_band',
] as const;
export type TableName = (typeof tableNames)[number];

const round = (x: number | null, digits = 3) => (x === null ? null : Number(x.toFixed(digits)));

function funnelTable(rows: FunnelRow[]): DataTable {
  const columns = ['group', ...funnelSteps.flatMap((s, i) => (i === 0 ? [s] : [s, `${s}_rate`, `${s}_rri`]))];
  return {
    columns,
    rows: rows.map((r) => [r.group, ...funnelSteps.flatMap((s, i) => (i === 0 ? [r.cells[s].count] : [r.cells[s].count, round(r.cells[s].rate), round(r.cells[s].rri)]))]),
  };
}

export function dashboardTables(d: DashboardData): Record<TableName, DataTable> {
  return {
    summary: {
      columns: ['measure', 'value'],
      rows: [
        ['referrals', d.referred],
        ['screened', d.screened],
        ['eligible', d.eligible],
        ['ineligible', d.ineligible],
        ['needs_review', d.needsReview],
        ['offered', d.offered],
        ['accepted', d.accepted],
        ['hearings_attended', d.appearance.attended],
        ['hearings_missed', d.appearance.missed],
        ['appearance_rate', round(d.appearance.rate)],
      ],
    },
    'ineligible-reasons': { columns: ['reason', 'cases'], rows: d.ineligibleReasons.map((r) => [r.reason, r.count]) },
    'first-hearing': { columns: ['cases_with_first_hearing', 'median_days', 'p90_days'], rows: [[d.daysToFirstHearing.n, d.daysToFirstHearing.median, d.daysToFirstHearing.p90]] },
    waiting: { columns: ['case_number', 'status', 'referred_at', 'board'], rows: d.waiting.map((w) => [w.externalCaseNumber, w.status, w.referredAt.toISOString(), w.board]) },
    caseload: { columns: ['board', 'active_cases'], rows: d.activeCaseload.map((c) => [c.board ?? 'no board', c.count]) },
    obligations: {
      columns: ['obligations', 'complete', 'on_track', 'overdue', 'overdue_share_of_open', 'cases_with_agreement', 'cases_with_overdue'],
      rows: [[d.obligations.total, d.obligations.complete, d.obligations.onTrack, d.obligations.overdue, round(d.obligations.overdueRate), d.obligations.cases, d.obligations.casesOverdue]],
    },
    completion: {
      columns: ['completed', 'returned', 'closed_after_acceptance', 'completion_rate', 'median_days_to_completion', 'p90_days_to_completion'],
      rows: [[d.completion.completed, d.completion.returned, d.completion.closedAfterAccept, round(d.completion.rate), d.completion.medianDays, d.completion.p90Days]],
    },
    returns: { columns: ['reason', 'cases'], rows: d.returns.map((r) => [r.reason, r.count]) },
    rereferral: { columns: ['months', 'completions_old_enough', 're_referred', 'rate'], rows: d.rereferral.map((r) => [r.months, r.base, r.rereferred, round(r.rate)]) },
    'equity-race': funnelTable(d.funnel.race),
    'equity-ethnicity': funnelTable(d.funnel.ethnicity),
    'equity-sex': funnelTable(d.funnel.sex),
    'equity-age_band': funnelTable(d.funnel.age_band),
  };
}

/**
 * Active caseload for the chart: every board when there are few, else the `shown` largest (ties by
 * name) and one row summing the rest, in caseload order.
 */
export function topCaseload<T extends { board: string | null; count: number }>(rows: readonly T[], shown: number): { board: string | null; count: number; others?: number }[] {
  if (rows.length <= shown) return [...rows];
  const sorted = rows.toSorted((a, b) => b.count - a.count || (a.board ?? '').localeCompare(b.board ?? ''));
  const rest = sorted.slice(shown);
  return [...sorted.slice(0, shown), { board: null, count: rest.reduce((n, r) => n + r.count, 0), others: rest.length }];
}
