import { getDb } from '@/db/client';
import { exportAudit, parseAuditFilter, writeAudit, type AuditRow } from '@/db/queries/audit';
import { getActor } from '@/lib/auth/session';
import { csvRow } from '@/lib/http/csv';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

const header = ['chain_seq', 'id', 'occurred_at_utc', 'actor_email', 'actor_user_id', 'actor_role', 'jurisdiction_id', 'action', 'entity_type', 'entity_id', 'outcome', 'ip', 'details', 'hash'];

/**
 * The audit log as CSV, with the same filters as the screen. A GET that changes nothing but the
 * audit log itself (the export is recorded), so no origin check; admins only, others get 404.
 */
export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return new Response('Sign in first.', { status: 401, headers: { 'cache-control': 'no-store' } });
  const db = await getDb();
  if (!can(actor.role, 'audit.read')) {
    await writeAudit(db, actor, { action: 'audit.export', outcome: 'denied' });
    return new Response('Not found.', { status: 404, headers: { 'cache-control': 'no-store' } });
  }
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  const { filter, invalid } = parseAuditFilter(params);
  // The screen drops invalid fields and says so; a file cannot, and exporting without the dropped
  // fields (a whole log instead of a date range) would be a different export. Nothing is recorded.
  if (invalid.length) {
    return new Response(`These filters are not valid: ${invalid.join(', ')}. Nothing was exported.`, {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const rows = exportAudit(db, actor, filter);
  // The first batch is read before answering, then the export is recorded: if either fails the
  // admin gets an error instead of a download that is silently missing from the log.
  let first: IteratorResult<AuditRow[]>;
  try {
    first = await rows.next();
  } catch (err) {
    console.error('[audit export]', err);
    return new Response('The export could not be started. Try again later.', {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const encoder = new TextEncoder();
  const encode = (batch: AuditRow[]) =>
    encoder.encode(batch.map((r) => csvRow([r.chainSeq, r.id, r.occurredAt, r.actorEmail, r.actorUserId, r.actorRole, r.jurisdictionId, r.action, r.entityType, r.entityId, r.outcome, r.ip, r.details, r.hash])).join(''));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(csvRow(header)));
      try {
        if (!first.done) controller.enqueue(encode(first.value));
        for await (const batch of rows) controller.enqueue(encode(batch));
        controller.close();
      } catch (err) {
        console.error('[audit export]', err);
        controller.error(err);
      }
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-log-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
