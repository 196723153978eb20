/**
 * What the case timeline may say about treatment items (42 CFR Part 2, §2.13: a recipient without
 * a consent naming them must not learn that treatment exists at all).
 *
 * The timeline (case_events) is read by prosecutors, who never read the agreement itself and see
 * treatment only as provider attestations under consent. So events are written neutral for
 * treatment items (no kind, title or free text), and events read by someone who may not read the
 * agreement are reduced again, which also covers rows written before this rule.
 */
import { isTreatment, type ItemKind } from './agreement-rules';
import type { CaseEventPayload } from './case-events';

type ItemRef = { id: string; kind: ItemKind; title: string; targetQuantity: number; unit: string; dueOn: string };

/** Details of an "item added/removed" agreement event: a treatment item is named by id only. */
export function itemEventDetails(item: ItemRef, withQuantity = true): Record<string, unknown> {
  if (isTreatment(item.kind)) return { itemId: item.id };
  return withQuantity
    ? { itemId: item.id, kind: item.kind, title: item.title, target: item.targetQuantity, unit: item.unit, dueOn: item.dueOn }
    : { itemId: item.id, kind: item.kind, title: item.title };
}

/** The item title a progress event carries: empty for a treatment item (the screen says "an agreement item"). */
export const progressEventTitle = (item: { kind: ItemKind; title: string }) => (isTreatment(item.kind) ? '' : item.title);

/**
 * One timeline event as someone who may not read the agreement sees it. `treatmentEntryIds` are the
 * progress entries (of this case) logged against treatment items: their events lose the title and
 * any free text. Agreement events keep only their action: the details name items and reasons.
 */
export function redactForNonReader(p: CaseEventPayload, treatmentEntryIds: ReadonlySet<string>): CaseEventPayload {
  if (p.type === 'agreement_changed') return { type: p.type, action: p.action, agreementId: p.agreementId, details: {} };
  if (p.type === 'progress_changed' && treatmentEntryIds.has(p.entryId)) return { type: p.type, action: p.action, entryId: p.entryId, itemTitle: '', details: {} };
  return p;
}
