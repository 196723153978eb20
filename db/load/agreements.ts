import 'server-only';
import type { Db } from '../types';
import { bulkInsert, type Cell } from './bulk';

/** Rows for one load chunk: signed agreements, their items and verified progress. */
export type AgreementRows = { agreements: Cell[][]; items: Cell[][]; progress: Cell[][] };

type Rng = { next(): number; int(a: number, b: number): number; uuid(): string; chance(p: number): boolean };

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

// A typical first agreement (DOMAIN.md): hours, a letter, a class, and the mid-term check-in hearing.
const menu = [
  { kind: 'community_service_hours', title: 'Community service', unit: 'hours', target: (r: Rng) => r.int(2, 8) * 5, dueDay: 75, verification: 'Signed timesheet' },
  { kind: 'apology_letter', title: 'Letter to the community', unit: 'letters', target: () => 1, dueDay: 30, verification: 'Handed to the board' },
  { kind: 'education_class', title: 'Drug education class', unit: 'sessions', target: () => 4, dueDay: 60, verification: 'Attendance sheet' },
  { kind: 'check_in_hearing', title: 'Mid-term check-in with the board', unit: 'hearings', target: () => 1, dueDay: 45, verification: 'Held hearing' },
] as const;

/**
 * One case's signed 90-day agreement, added to `out`. Progress follows time: an item whose due date
 * has passed is usually done (three in four), one still running is partly done in proportion to the
 * time gone by, so the obligations measure has complete, on-track and overdue items at every size.
 * The board's chair logs and verifies on the participant's behalf (generated participants have no
 * accounts).
 */
export function agreementRows(r: Rng, out: AgreementRows, o: { caseId: string; jurisdictionId: string; chairId: string; signedAt: Date; now: Date }) {
  const id = r.uuid();
  const start = o.signedAt.getTime();
  out.agreements.push([id, o.jurisdictionId, o.caseId, 1, 'signed', 'en', day(start), day(start + 90 * DAY), day(start + 45 * DAY), 'misdemeanor', o.chairId, o.signedAt.toISOString(), o.signedAt.toISOString()]);
  const elapsed = (o.now.getTime() - start) / DAY;
  menu.forEach((m, position) => {
    const itemId = r.uuid();
    const lineageId = r.uuid();
    const target = m.target(r);
    out.items.push([itemId, id, o.jurisdictionId, o.caseId, lineageId, position + 1, m.kind, m.title, target, m.unit, day(start + m.dueDay * DAY), m.verification]);
    if (m.kind === 'check_in_hearing') return;
    const share = elapsed >= m.dueDay ? (r.chance(0.75) ? 1 : r.next() * 0.8) : (elapsed / m.dueDay) * r.next();
    const done = m.unit === 'hours' ? Math.round(target * share) : Math.floor(target * share);
    if (done <= 0) return;
    const at = Math.min(o.now.getTime(), start + Math.max(1, Math.min(elapsed, m.dueDay)) * DAY);
    out.progress.push([r.uuid(), o.jurisdictionId, o.caseId, itemId, lineageId, day(at), done, 'Generated', o.chairId, 'volunteer', true, 'verified', o.chairId, new Date(at).toISOString()]);
  });
}

export async function insertAgreementRows(db: Db, rows: AgreementRows, add: (table: string, n: number) => void) {
  add('agreements', await bulkInsert(db, 'agreements', [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'number', type: 'int4' }, { name: 'status', type: 'agreement_status' }, { name: 'language', type: 'locale' }, { name: 'starts_on', type: 'date' }, { name: 'ends_on', type: 'date' }, { name: 'check_in_on', type: 'date' }, { name: 'offense_level', type: 'text' }, { name: 'created_by_user_id', type: 'uuid' }, { name: 'created_at', type: 'timestamptz' }, { name: 'signed_at', type: 'timestamptz' }], rows.agreements));
  add('agreement_items', await bulkInsert(db, 'agreement_items', [{ name: 'id', type: 'uuid' }, { name: 'agreement_id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'lineage_id', type: 'uuid' }, { name: 'position', type: 'int4' }, { name: 'kind', type: 'agreement_item_kind' }, { name: 'title', type: 'text' }, { name: 'target_quantity', type: 'numeric' }, { name: 'unit', type: 'agreement_unit' }, { name: 'due_on', type: 'date' }, { name: 'verification', type: 'text' }], rows.items));
  add('progress_entries', await bulkInsert(db, 'progress_entries', [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'item_id', type: 'uuid' }, { name: 'lineage_id', type: 'uuid' }, { name: 'occurred_on', type: 'date' }, { name: 'quantity', type: 'numeric' }, { name: 'place', type: 'text' }, { name: 'logged_by_user_id', type: 'uuid' }, { name: 'logged_by_role', type: 'role' }, { name: 'on_behalf', type: 'bool' }, { name: 'status', type: 'progress_status' }, { name: 'reviewed_by_user_id', type: 'uuid' }, { name: 'reviewed_at', type: 'timestamptz' }], rows.progress));
}
