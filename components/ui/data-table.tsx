/**
 * The bordered table used on staff pages: wrapper (scrolls sideways on its own if needed), caption
 * for screen readers, one header row, and the caller's body rows.
 */
export function DataTable({ caption, heads, className = 'mt-4', children }: { caption: string; heads: React.ReactNode[]; className?: string; children: React.ReactNode }) {
  return (
    <div className={`overflow-x-auto rounded-lg border border-stone-200 bg-white ${className}`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
          <tr>
            {heads.map((h, i) => (
              <th key={i} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">{children}</tbody>
      </table>
    </div>
  );
}
