import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { agreementItemKinds, agreementItems, progressEntries, type CaseEvent } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { CaseEventPayload } from '@/lib/domain/case-events';
import { isTreatment } from '@/lib/domain/agreement-rules';
import { redactForNonReader } from '@/lib/domain/treatment-privacy';
import { can } from '@/lib/permissions';
import type { Db } from '../types';

const TREATMENT_KINDS = agreementItemKinds.filter(isTreatment);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The case timeline as this actor may read it. Whoever may read the agreement (coordinators) gets
 * the events as written; anyone else (the prosecutor's office) gets agreement events without their
 * details and progress events on treatment items without title or text, whatever consent exists:
 * consent lets the office see provider attestations on the treatment panel, never agreement
 * content. Older rows named treatment items in full, so this is decided on read, from the item
 * each progress entry was logged against, not from the stored text.
 */
export async function readableTimeline<E extends Pick<CaseEvent, 'type' | 'payload'>>(db: Db, actor: Actor, events: E[]): Promise<E[]> {
  if (can(actor.role, 'agreement.read')) return events;
  const entryIds = events.flatMap((e) => {
    const p = e.payload as CaseEventPayload;
    return p.type === 'progress_changed' && typeof p.entryId === 'string' && UUID.test(p.entryId) ? [p.entryId] : [];
  });
  const treatmentEntries = entryIds.length
    ? await db
        .select({ id: progressEntries.id })
        .from(progressEntries)
        .innerJoin(agreementItems, eq(agreementItems.id, progressEntries.itemId))
        .where(and(inArray(progressEntries.id, entryIds), inArray(agreementItems.kind, TREATMENT_KINDS)))
    : [];
  const ids = new Set(treatmentEntries.map((r) => r.id));
  return events.map((e) => ({ ...e, payload: redactForNonReader(e.payload as CaseEventPayload, ids) }));
}
