import { getDb } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { getDashboard } from '@/db/queries/dashboard';
import { getActor } from '@/lib/auth/session';
import { csvRow } from '@/lib/http/csv';
import { dashboardTables, tableNames, type TableName } from '@/lib/outcomes/dashboard-tables';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

/**
 * One dashboard table as CSV (`?table=` plus the page's filters). Prosecutors and coordinators of
 * the jurisdiction only; others get 404. Every export is audited with its table and filters.
 * Counts only: suppressed cells are written as "suppressed", treatment data is never included.
 */
export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return new Response('Sign in first.', { status: 401, headers: noStore });
  const db = await getDb();
  if (!can(actor.role, 'dashboard.read')) {
    await writeAudit(db, actor, { action: 'dashboard.export', outcome: 'denied' });
    return new Response('Not found.', { status: 404, headers: noStore });
  }
  const params = new URL(req.url).searchParams;
  const table = (params.get('table') ?? 'summary') as TableName;
  if (!tableNames.includes(table)) return new Response(`Choose a table: ${tableNames.join(', ')}.`, { status: 400, headers: noStore });
  const filter = Object.fromEntries(['from', 'to', 'boardId', 'neighborhood'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  let data;
  try {
    data = await getDashboard(db, actor, filter);
  } catch {
    return new Response('Those filters are not valid: dates as YYYY-MM-DD, a board from the list.', { status: 400, headers: noStore });
  }
  const t = dashboardTables(data)[table];
  await writeAudit(db, actor, { action: 'dashboard.export', entityType: 'dashboard', entityId: table, details: { table, filter: data.filter, rows: t.rows.length } });
  const blank = table.startsWith('equity-') ? 'suppressed' : '';
  const body = csvRow(t.columns) + t.rows.map((r) => csvRow(r.map((v) => (v === null ? blank : v)))).join('');
  return new Response(body, {
    headers: {
      ...noStore,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="dashboard-${table}-${data.filter.from}-to-${data.filter.to}.csv"`,
    },
  });
}
