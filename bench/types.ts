/** One measured figure, as written to bench/results/latest.json (see BENCHMARKS.md). */
export type Measure = {
  name: string;
  engine: 'pglite' | 'postgres' | 'none';
  cases: number;
  p50_ms?: number;
  p95_ms?: number;
  p99_ms?: number;
  rps?: number;
  errors?: number;
  queries?: number;
  baseline_ratio_rps?: number;
  baseline_ratio_p95?: number;
  server_rss_mb?: number;
  /** Anything else worth keeping (targets, notes). */
  [extra: string]: unknown;
};

export type BenchOptions = {
  quick: boolean;
  only?: string;
  pgUrl: string;
  /** `--cases N`: dataset size (default 100k, 10k with --quick). */
  cases?: number;
  /** `--cases N,M`: several sizes, measured interleaved by the benches that support it (http). */
  casesList?: number[];
  /** `--engine postgres|pglite`: measure one engine only. */
  engine?: 'postgres' | 'pglite';
  /** `--soak SECONDS`: hold load on the key pages for that long, sampling server RSS. */
  soak?: number;
  /** `--port P`: first of the ports the benchmark may use (P, P+1, P+2). */
  port?: number;
};

/**
 * The dataset sizes to measure, smallest first: `--cases N` or `--cases N,M`, else BENCH_CASES in the
 * same form, else 100,000 (10,000 with --quick). Several sizes are measured interleaved.
 */
export function datasetSizes(opts: Pick<BenchOptions, 'cases' | 'casesList' | 'quick'>): number[] {
  if (opts.casesList?.length) return opts.casesList.toSorted((a, b) => a - b);
  if (opts.cases) return [opts.cases];
  const fromEnv = process.env.BENCH_CASES?.split(',').map((v) => Number(v.replaceAll('_', '')));
  if (fromEnv?.every((v) => Number.isInteger(v) && v > 0)) return fromEnv.toSorted((a, b) => a - b);
  return [opts.quick ? 10_000 : 100_000];
}

/** A benchmark module: bench/<name>.bench.ts default-exports one of these. */
export type Bench = { name: string; run: (opts: BenchOptions) => Promise<Measure[]> };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Time `fn` `n` times after `warmup` runs; returns sorted durations in ms. */
export async function timeIt(n: number, fn: () => Promise<unknown> | unknown, warmup = Math.min(20, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
