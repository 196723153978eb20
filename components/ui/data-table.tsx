/**
 * The bordered table used on staff pages: wrapper (scrolls sideways on its own if needed), caption
 * for screen readers, one header row, and the caller's body rows.
 * `stackOnPhones`: below the md breakpoint each row reflows into a small card (cells wrap inline,
 * header row kept for screen readers only), so a list renders once for every width.
 */
const stack = {
  table: 'max-md:block',
  thead: 'max-md:sr-only',
  tbody: 'max-md:block max-md:divide-y-0 max-md:[&>tr]:flex max-md:[&>tr]:flex-wrap max-md:[&>tr]:items-center max-md:[&>tr]:gap-x-1 max-md:[&>tr]:border-b max-md:[&>tr]:border-stone-100 max-md:[&>tr]:py-2 max-md:[&_td]:py-1',
};

export function DataTable({ caption, heads, className = 'mt-4', stackOnPhones = false, children }: { caption: string; heads: React.ReactNode[]; className?: string; stackOnPhones?: boolean; children: React.ReactNode }) {
  return (
    <div className={`overflow-x-auto rounded-lg border border-stone-200 bg-white ${className}`}>
      <table className={`w-full text-left text-sm ${stackOnPhones ? stack.table : ''}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className={`border-b border-stone-200 bg-stone-50 text-stone-600 ${stackOnPhones ? stack.thead : ''}`}>
          <tr>
            {heads.map((h, i) => (
              <th key={i} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-stone-100 ${stackOnPhones ? stack.tbody : ''}`}>{children}</tbody>
      </table>
    </div>
  );
}
