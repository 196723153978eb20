import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { FairnessSurveySummary } from '@/components/portal/fairness-survey-summary';
import { BarList, Section, Stat, TableAlternative } from '@/components/outcomes/dashboard-parts';
import { getDb } from '@/db/client';
import { dashboardFilterSchema, dimensions, getDashboard } from '@/db/queries/dashboard';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { requireActor } from '@/lib/auth/session';
import { funnelSteps } from '@/lib/domain/metrics';
import { dashboardTables, topCaseload, type TableName } from '@/lib/outcomes/dashboard-tables';

export const metadata: Metadata = { title: 'Outcomes dashboard' };
export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * A county has a handful of boards and a few dozen neighborhoods; a state-size program has hundreds
 * of boards and over a thousand neighborhoods. Past these counts the page shows the largest
 * caseloads (the CSV keeps every board) and a typed neighborhood field instead of a list nobody can
 * scroll, so the page stays small on a phone whatever the program's size.
 */
const CASELOAD_BARS = 12;
const NEIGHBORHOOD_LIST_MAX = 60;
/** The longest waits shown on the page; the CSV lists every case the query returns (up to 100). */
const WAITING_SHOWN = 20;

/** Prosecutors and coordinators: the outcomes dashboard, from the case_facts rollup. */
export default async function DashboardPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor(['coordinator', 'prosecutor']);
  const sp = await searchParams;
  const raw = Object.fromEntries(['from', 'to', 'boardId', 'neighborhood'].flatMap((k) => (typeof sp[k] === 'string' && sp[k] ? [[k, sp[k]]] : [])));
  const parsed = dashboardFilterSchema.safeParse(raw);
  const db = await getDb();
  const [d, jurisdiction] = await Promise.all([getDashboard(db, actor, parsed.success ? parsed.data : {}), getMyJurisdiction(db, actor)]);
  const t = await getTranslations('outcomes.dashboard');
  const ts = await getTranslations('status');
  const tr = await getTranslations('returnReason');
  const format = await getFormatter();
  const tables = dashboardTables(d);
  const caseload = topCaseload(d.activeCaseload, CASELOAD_BARS);
  const caseloadLabel = (c: { board: string | null; others?: number }) => (c.others ? t('caseloadOthers', { n: c.others }) : (c.board ?? t('noBoard')));
  const unknownNeighborhood = d.filter.neighborhood && !d.options.neighborhoods.includes(d.filter.neighborhood) ? d.filter.neighborhood : null;
  const num = (n: number) => format.number(n);
  const pct = (x: number | null) => (x === null ? '—' : format.number(x, { style: 'percent', maximumFractionDigits: 1 }));
  const days = (x: number | null) => (x === null ? '—' : t('days', { n: x }));
  const when = (x: Date) => format.dateTime(x, { dateStyle: 'medium', timeZone: jurisdiction.timeZone });
  const qs = new URLSearchParams(Object.entries(d.filter).filter((e): e is [string, string] => typeof e[1] === 'string'));
  // The waiting list and the equity tables are shown as tables already: they get the CSV link only.
  const shownAsTable = (name: TableName) => name === 'waiting' || name.startsWith('equity-');
  const alt = (name: TableName, title: string, table = tables[name]) => (
    <TableAlternative
      table={shownAsTable(name) ? null : table}
      caption={title}
      csvHref={`/dashboard/export?table=${name}&${qs.toString()}`}
      csvLabel={t('csvLabel', { name: t(`tables.${name}`) })}
      csvText={t('csv')}
      showLabel={t('dataTable')}
      blank={name.startsWith('equity-') ? t('suppressed') : '—'}
    />
  );
  const group = (g: string) => (t.has(`groups.${g}`) ? t(`groups.${g}` as 'groups.unknown') : g);
  const criterion = (k: string) => (t.has(`criteria.${k}`) ? t(`criteria.${k}` as 'criteria.weapon_involved') : k);
  const stepLabel = Object.fromEntries(funnelSteps.map((s) => [s, t(`steps.${s}`)])) as Record<(typeof funnelSteps)[number], string>;
  const funnelCounts = { referred: d.referred, screened: d.screened, eligible: d.eligible, offered: d.offered, accepted: d.accepted, completed: d.completion.completed };

  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-stone-700">{t('intro')}</p>

      <form method="get" action="/dashboard" className="mt-4 grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5" aria-label={t('filters')}>
        <div>
          <label htmlFor="from" className="block text-sm font-medium">{t('from')}</label>
          <input id="from" name="from" type="date" defaultValue={d.filter.from} className="mt-1 w-full rounded border border-stone-300 px-2 py-1.5" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">{t('to')}</label>
          <input id="to" name="to" type="date" defaultValue={d.filter.to} className="mt-1 w-full rounded border border-stone-300 px-2 py-1.5" />
        </div>
        <div>
          <label htmlFor="boardId" className="block text-sm font-medium">{t('board')}</label>
          <select id="boardId" name="boardId" defaultValue={d.filter.boardId ?? ''} className="mt-1 w-full rounded border border-stone-300 px-2 py-1.5">
            <option value="">{t('all')}</option>
            {d.options.boards.map((b) => (
              <option key={b.id} value={b.id}>{b.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="neighborhood" className="block text-sm font-medium">{t('neighborhood')}</label>
          {d.options.neighborhoods.length <= NEIGHBORHOOD_LIST_MAX ? (
            <select id="neighborhood" name="neighborhood" defaultValue={d.filter.neighborhood ?? ''} className="mt-1 w-full rounded border border-stone-300 px-2 py-1.5">
              <option value="">{t('all')}</option>
              {d.options.neighborhoods.map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </select>
          ) : (
            <>
              <input id="neighborhood" name="neighborhood" type="search" defaultValue={d.filter.neighborhood ?? ''} aria-describedby="neighborhood-hint" autoComplete="off" className="mt-1 w-full rounded border border-stone-300 px-2 py-1.5" />
              <p id="neighborhood-hint" className="mt-1 text-xs text-stone-600">{t('neighborhoodHint', { n: d.options.neighborhoods.length })}</p>
            </>
          )}
        </div>
        <div className="flex items-end">
          <button type="submit" className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">{t('apply')}</button>
        </div>
      </form>
      {unknownNeighborhood && (
        <p role="alert" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">{t('unknownNeighborhood', { name: unknownNeighborhood })}</p>
      )}
      <p className="mt-2 text-sm text-stone-600" data-testid="dashboard-range">{t('showing', { from: d.filter.from, to: d.filter.to })}</p>

      <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={t('steps.referred')} value={num(d.referred)} />
        <Stat label={t('steps.accepted')} value={num(d.accepted)} />
        <Stat label={t('appearanceRate')} value={pct(d.appearance.rate)} />
        <Stat label={t('completionRate')} value={pct(d.completion.rate)} />
      </dl>

      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Section id="funnel" title={t('funnelTitle')}>
          <BarList label={t('funnelTitle')} max={Math.max(1, d.referred)} bars={(Object.keys(funnelCounts) as (keyof typeof funnelCounts)[]).map((k) => ({ label: t(`steps.${k}`), value: funnelCounts[k], display: num(funnelCounts[k]) }))} />
          {alt('summary', t('funnelTitle'))}
        </Section>

        <Section id="reasons" title={t('reasonsTitle')}>
          {d.ineligibleReasons.length ? (
            <BarList label={t('reasonsTitle')} bars={d.ineligibleReasons.map((r) => ({ label: criterion(r.reason), value: r.count, display: num(r.count) }))} />
          ) : (
            <p className="text-stone-700">{t('none')}</p>
          )}
          <p className="mt-2 text-sm text-stone-600">{t('reasonsNote')}</p>
          {alt('ineligible-reasons', t('reasonsTitle'))}
        </Section>

        <Section id="speed" title={t('speedTitle')}>
          <dl className="grid grid-cols-3 gap-2">
            <Stat label={t('median')} value={days(d.daysToFirstHearing.median)} />
            <Stat label={t('p90')} value={days(d.daysToFirstHearing.p90)} />
            <Stat label={t('withHearing')} value={t('cases', { n: d.daysToFirstHearing.n })} />
          </dl>
          {alt('first-hearing', t('speedTitle'))}
          <h3 className="mt-4 font-semibold">{t('waitingTitle')}</h3>
          <p className="text-sm text-stone-600">{t('waitingNote')}</p>
          {d.waiting.length ? (
            <ul className="mt-2 divide-y divide-stone-100 text-sm" data-testid="waiting-list">
              {d.waiting.slice(0, WAITING_SHOWN).map((w) => (
                <li key={w.caseId} className="flex flex-wrap justify-between gap-2 py-1.5">
                  <a href={`/cases/${w.caseId}`} className="font-medium text-brand-800 underline">{w.externalCaseNumber}</a>
                  <span>{ts(w.status as 'referred')}</span>
                  <span>{t('referred')}: {when(w.referredAt)}</span>
                  <span>{w.board ?? t('noBoard')}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-stone-700">{t('none')}</p>
          )}
          {d.waiting.length > WAITING_SHOWN && <p className="mt-2 text-sm text-stone-600" data-testid="waiting-more">{t('waitingMore', { shown: WAITING_SHOWN, n: d.waiting.length })}</p>}
          {alt('waiting', t('waitingTitle'))}
        </Section>

        <Section id="appearance" title={t('appearanceTitle')}>
          <BarList label={t('appearanceTitle')} bars={[{ label: t('attended'), value: d.appearance.attended, display: num(d.appearance.attended) }, { label: t('missed'), value: d.appearance.missed, display: num(d.appearance.missed) }]} />
          <p className="mt-2 text-sm text-stone-600">{t('appearanceRate')}: <strong>{pct(d.appearance.rate)}</strong>. {t('appearanceNote')}</p>
        </Section>

        <Section id="caseload" title={t('caseloadTitle')}>
          {d.activeCaseload.length ? (
            <BarList label={t('caseloadTitle')} bars={caseload.map((c) => ({ label: caseloadLabel(c), value: c.count, display: num(c.count) }))} />
          ) : (
            <p className="text-stone-700">{t('none')}</p>
          )}
          <p className="mt-2 text-sm text-stone-600">
            {t('caseloadNote')}
            {caseload.some((c) => c.others) && <> {t('caseloadTop', { shown: CASELOAD_BARS, total: d.activeCaseload.length })}</>}
          </p>
          {alt('caseload', t('caseloadTitle'), { ...tables.caseload, rows: caseload.map((c) => [caseloadLabel(c), c.count]) })}
        </Section>

        <Section id="completion" title={t('completionTitle')}>
          <dl className="grid grid-cols-2 gap-2">
            <Stat label={t('completionRate')} value={pct(d.completion.rate)} />
            <Stat label={t('completed')} value={`${num(d.completion.completed)} / ${num(d.completion.closedAfterAccept)}`} />
            <Stat label={t('medianDays')} value={days(d.completion.medianDays)} />
            <Stat label={t('p90Days')} value={days(d.completion.p90Days)} />
          </dl>
          <p className="mt-2 text-sm text-stone-600">{t('completionNote')}</p>
          {alt('completion', t('completionTitle'))}
        </Section>

        <Section id="returns" title={t('returnsTitle')}>
          {d.returns.length ? (
            <BarList label={t('returnsTitle')} bars={d.returns.map((r) => ({ label: tr(r.reason as 'ineligible'), value: r.count, display: num(r.count) }))} />
          ) : (
            <p className="text-stone-700">{t('none')}</p>
          )}
          {alt('returns', t('returnsTitle'))}
        </Section>

        <Section id="rereferral" title={t('rereferralTitle')}>
          <BarList label={t('rereferralTitle')} max={1} bars={d.rereferral.map((r) => ({ label: `${t('months')} ${t('monthsValue', { n: r.months })} (${t('cases', { n: r.base })})`, value: r.rate, display: pct(r.rate) }))} />
          <p className="mt-2 text-sm text-stone-600">{t('rereferralNote')}</p>
          {alt('rereferral', t('rereferralTitle'))}
        </Section>

        <Section id="obligations" title={t('obligationsTitle')}>
          {d.obligations.total ? (
            <BarList
              label={t('obligationsTitle')}
              bars={[
                { label: t('obligationsComplete'), value: d.obligations.complete, display: num(d.obligations.complete) },
                { label: t('obligationsOnTrack'), value: d.obligations.onTrack, display: num(d.obligations.onTrack) },
                { label: t('obligationsOverdue'), value: d.obligations.overdue, display: num(d.obligations.overdue) },
              ]}
            />
          ) : (
            <p className="text-stone-700">{t('none')}</p>
          )}
          <dl className="mt-2 grid grid-cols-2 gap-2">
            <Stat label={t('obligationsCases')} value={num(d.obligations.cases)} />
            <Stat label={t('obligationsCasesOverdue')} value={num(d.obligations.casesOverdue)} />
            <Stat label={t('obligationsOverdueShare')} value={pct(d.obligations.overdueRate)} />
          </dl>
          <p className="mt-2 text-sm text-stone-600">{t('obligationsNote')}</p>
          {alt('obligations', t('obligationsTitle'))}
        </Section>
        <Section id="survey" title={t('surveyTitle')}>
          <FairnessSurveySummary actor={actor} filter={{ from: d.filter.from, to: d.filter.to, boardId: d.filter.boardId }} />
        </Section>
      </div>

      <section aria-labelledby="equity" className="mt-6">
        <h2 id="equity" className="text-xl font-semibold">{t('equityTitle')}</h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-700">{t('equityNote')}</p>
        <p className="mt-1 text-sm font-medium">{funnelSteps.every((s) => d.reference[s] >= 11) ? t('reference', { n: d.reference.referred }) : t('referenceSuppressed')}</p>
        {dimensions.map((dim) => {
          const rows = d.funnel[dim];
          const title = t(`dimensions.${dim}`);
          const count = (c: number | null) => (c === null ? t('suppressed') : num(c));
          const rri = (x: number | null) => (x === null ? '—' : format.number(x, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
          return (
            <div key={dim} className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid={`equity-${dim}`}>
              <h3 className="font-semibold">{title}</h3>
              {rows.length === 0 ? (
                <p className="text-stone-700">{t('none')}</p>
              ) : (
                // One table for every width: below md each row reflows into a card whose cells
                // show their step's name (from data-label, by CSS: no extra element per cell, and
                // this is the dashboard's largest part), instead of a second copy as a list.
                <div className="mt-2 overflow-x-auto">
                  <table className="w-full text-left text-sm max-md:block">
                    <caption className="sr-only">{`${t('equityTitle')}: ${title}`}</caption>
                    <thead className="border-b border-stone-200 text-stone-600 max-md:sr-only">
                      <tr>
                        <th scope="col" className="px-2 py-1 font-medium">{t('group')}</th>
                        {funnelSteps.map((s, i) => (
                          <th key={s} scope="col" className="px-2 py-1 font-medium">
                            {stepLabel[s]}
                            {i > 0 && <span className="block text-xs font-normal">{t('rateCol')} · {t('rriCol')}</span>}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-stone-100 max-md:block">
                      {rows.map((r) => (
                        <tr key={r.group} className="max-md:block max-md:py-2">
                          <th scope="row" className="px-2 py-1 font-medium max-md:block">{group(r.group)}</th>
                          {funnelSteps.map((s, i) => (
                            <td key={s} data-label={`${stepLabel[s]}: `} className="px-2 py-1 tabular-nums max-md:block max-md:py-0 max-md:before:content-[attr(data-label)]">
                              {count(r.cells[s].count)}
                              {i > 0 && <span className="block text-xs text-stone-600 max-md:inline max-md:text-sm max-md:before:content-['_·_']">{pct(r.cells[s].rate)} · {rri(r.cells[s].rri)}</span>}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {alt(`equity-${dim}`, title)}
            </div>
          );
        })}
      </section>
    </>
  );
}

