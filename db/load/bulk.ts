import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../types';

export type Cell = string | number | boolean | null;
export type ColumnSpec = { name: string; type: string };

/**
 * A PostgreSQL array literal for one column. It travels as ONE bound text parameter and is cast
 * server-side (`$1::uuid[]`), so a 5,000-row batch is a handful of parameters rather than tens of
 * thousands, on PGlite and node-postgres alike. Elements are always quoted and escaped.
 */
export function arrayLiteral(values: readonly Cell[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    out += v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`;
  }
  return `${out}}`;
}

// Column types come from code (never from input); the allow-list keeps it that way.
const allowedTypes = new Set(['uuid', 'text', 'int4', 'int8', 'bool', 'date', 'timestamptz', 'jsonb', 'numeric', 'role', 'locale', 'race', 'ethnicity', 'sex', 'case_status', 'return_reason', 'membership_role', 'audit_outcome', 'agreement_status', 'agreement_item_kind', 'agreement_unit', 'progress_status', 'screening_source', 'screening_decision', 'offer_status', 'hearing_kind', 'hearing_status', 'panel_role', 'attendance', 'venue_kind']);

/** Insert rows (arrays in column order) in batches with INSERT … SELECT FROM unnest(...). */
export async function bulkInsert(db: Db, table: string, columns: ColumnSpec[], rows: Cell[][], batch = 5000): Promise<number> {
  for (const c of columns) if (!allowedTypes.has(c.type)) throw new Error(`bulkInsert: type ${c.type} is not allowed`);
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    const arrays: SQL[] = columns.map((c, i) => sql`${arrayLiteral(chunk.map((r) => r[i]))}::${sql.identifier(c.type)}[]`);
    // Generated rows can be generated again, so their commit need not wait for the WAL to reach the
    // disk (the server still writes it, in the background): the 1M load had spent a quarter of its
    // time in I/O wait. SET LOCAL keeps this to the batch's own transaction.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local synchronous_commit = off`);
      await tx.execute(
        sql`insert into ${sql.identifier(table)} (${sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})`,
      );
    });
  }
  return rows.length;
}
