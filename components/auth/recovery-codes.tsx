/** The recovery codes, shown once right after they are made. */
export function RecoveryCodes({ codes, title, intro }: { codes: string[]; title: string; intro: string }) {
  return (
    <section aria-labelledby="recovery-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="recovery-codes">
      <h2 id="recovery-title" className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-stone-800">{intro}</p>
      <ul className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 font-mono text-base">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </section>
  );
}
