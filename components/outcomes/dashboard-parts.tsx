import type { Cell, DataTable } from '@/lib/outcomes/dashboard-tables';

export type Bar = { label: string; value: number | null; display: string };

/**
 * A horizontal bar chart drawn on the server as SVG (no chart library, no client script). Each
 * bar's label and value are text beside it, so the chart reads the same to a screen reader; the
 * bars themselves are decoration (aria-hidden).
 */
export function BarList({ bars, max, label }: { bars: Bar[]; max?: number; label: string }) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  return (
    <ul className="space-y-2" aria-label={label}>
      {bars.map((b) => {
        const pct = b.value === null ? 0 : Math.max(0, Math.min(100, (b.value / top) * 100));
        return (
          <li key={b.label}>
            <div className="flex justify-between gap-2 text-sm">
              <span>{b.label}</span>
              <span className="font-medium tabular-nums">{b.display}</span>
            </div>
            <svg aria-hidden="true" width="100%" height="10" className="mt-0.5 block">
              <rect width="100%" height="10" rx="3" className="fill-stone-100" />
              {b.value !== null && <rect width={`${pct.toFixed(2)}%`} height="10" rx="3" className="fill-brand-600" />}
            </svg>
          </li>
        );
      })}
    </ul>
  );
}

/** The CSV download of one dashboard table. */
export function CsvLink({ href, label, text }: { href: string; label: string; text: string }) {
  return (
    <a href={href} className="mt-1 inline-block font-medium text-brand-800 underline" aria-label={label} download>
      {text}
    </a>
  );
}

/**
 * The data table behind a chart, and its CSV link. Where what is shown already is the table (the
 * equity funnel, the list of waiting cases), pass `table: null`: only the link is rendered, so the
 * page does not carry the same rows twice (the dashboard is the heaviest page to render).
 */
export function TableAlternative({ table, caption, csvHref, csvLabel, showLabel, csvText, blank }: { table: DataTable | null; caption: string; csvHref: string; csvLabel: string; showLabel: string; csvText: string; blank: string }) {
  const show = (v: Cell) => (v === null ? blank : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v));
  if (!table) {
    return (
      <div className="mt-3 text-sm">
        <CsvLink href={csvHref} label={csvLabel} text={csvText} />
      </div>
    );
  }
  return (
    <div className="mt-3 text-sm">
      <details>
        <summary className="cursor-pointer font-medium text-brand-800 underline">{showLabel}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{caption}</caption>
            <thead className="border-b border-stone-200 text-stone-600">
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col" className="px-2 py-1 font-medium whitespace-nowrap">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className="px-2 py-1 tabular-nums">
                      {show(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <CsvLink href={csvHref} label={csvLabel} text={csvText} />
    </div>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-3">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
