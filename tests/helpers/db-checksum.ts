import { sql } from 'drizzle-orm';
import type { Db } from '@/db/types';

/**
 * Row count and md5 of every row (as text, sorted) of every table in the public schema: two
 * snapshots are equal only when no row was added, removed or changed. `except` leaves out tables
 * that legitimately grow on a refused request (the audit log records denied and failed attempts).
 */
export async function tableChecksums(db: Db, except: readonly string[] = []): Promise<Record<string, string>> {
  const res = (await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)) as { rows: unknown[] };
  const names = (res.rows as { name: string }[]).map((r) => r.name).filter((n) => !except.includes(n) && !n.startsWith('__drizzle'));
  const parts = names.map((n) => `select '${n}' as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '-') as sum from "${n}" t`);
  const all = (await db.execute(sql.raw(parts.join(' union all ')))) as { rows: unknown[] };
  return Object.fromEntries((all.rows as { name: string; sum: string }[]).map((r) => [r.name, r.sum]));
}

/** Tables whose checksum differs between two snapshots. */
export function changedTables(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}
