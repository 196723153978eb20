import 'server-only';
import { types, type PGlite } from '@electric-sql/pglite';

type QueryOptions = Parameters<PGlite['query']>[2];
type Tx = Parameters<Parameters<PGlite['transaction']>[0]>[0];

const asText = (value: string) => value;

/**
 * The parsers drizzle-orm's PGlite driver sends with every query (it maps these types itself, so it
 * wants them as text): timestamp, timestamptz, interval, date, and numeric[], timestamp[],
 * timestamptz[], interval[], date[].
 */
export const DRIZZLE_TEXT_PARSERS: Record<number, (value: string) => string> = {
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INTERVAL]: asText,
  [types.DATE]: asText,
  1231: asText,
  1115: asText,
  1185: asText,
  1187: asText,
  1182: asText,
};

/**
 * PGlite 0.5 merges per-query parsers into its table of ~320 type parsers on every query
 * (`{ ...parsers, ...options.parsers }`), and drizzle passes its nine on every query: measured at
 * ~0.1 ms a query, a third of a small query's time on the server's one thread. The same nine are
 * put into the instance's own table once it has started (db/open.ts), so the per-query copy changes
 * nothing and is dropped here, for queries and for the queries of transactions. (PGlite rebuilds
 * its array parsers only at start and in refreshArrayTypes(), which the app never calls; a caller
 * that does must put DRIZZLE_TEXT_PARSERS back afterwards.)
 */
export function withoutPerQueryParsers(client: PGlite): PGlite {
  const strip = (options: QueryOptions): QueryOptions => (options?.parsers ? { ...options, parsers: undefined } : options);
  const queryOf = (target: Pick<PGlite, 'query'>) => (query: string, params?: unknown[], options?: QueryOptions) => target.query(query, params, strip(options));
  const wrapTx = (tx: Tx): Tx => new Proxy(tx, { get: (target, prop, receiver) => (prop === 'query' ? queryOf(target) : Reflect.get(target, prop, receiver)) });
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') return queryOf(target);
      if (prop === 'transaction') return <T>(work: (tx: Tx) => Promise<T>) => target.transaction((tx) => work(wrapTx(tx)));
      const value = Reflect.get(target, prop, target) as unknown;
      // Methods run on the real instance (PGlite keeps its state in private fields).
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
