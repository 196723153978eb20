import 'server-only';
import type { CaseStatus, ReturnReason } from '@/lib/domain/case-lifecycle';
import type { CriterionResult } from '@/lib/domain/eligibility';
import type { DemoCharge } from '../seed-data/demo-people';
import type { Db } from '../types';
import { bulkInsert, type Cell, type ColumnSpec } from './bulk';

/**
 * The generated rows of a case's steps past referral: its screening decision, its offer, and its
 * hearings with their panels. Without them a generated program has statuses but no screening
 * reasons, no offers and no hearings, so the volunteer's hearings page, appearance and the
 * eligibility step of the equity funnel would be measured on empty tables.
 */
export type StepRows = { decisions: Cell[][]; offers: Cell[][]; hearings: Cell[][]; panelists: Cell[][] };
export const emptyStepRows = (): StepRows => ({ decisions: [], offers: [], hearings: [], panelists: [] });

type Rng = { next(): number; int(a: number, b: number): number; uuid(): string; chance(p: number): boolean; pick<T>(xs: readonly T[]): T };

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The office's written policy, version 1, as the demo jurisdiction's (DOMAIN.md: no nexus to violence). */
export const loadPolicyCriteria = [
  { kind: 'weapon_involved', enabled: true },
  { kind: 'violence_in_incident', enabled: true },
  { kind: 'violent_history_within_years', years: 4, enabled: true },
  { kind: 'distribution_quantity', enabled: true, maxGrams: 10 },
  { kind: 'active_protection_order', enabled: true },
  { kind: 'failed_diversion_within_years', years: 3, enabled: true },
] as const;

/**
 * Hearing slots. Each board meets in its own room on weekday evenings, an hour a hearing, so a
 * board's hearings never overlap (nor its volunteers', who sit on one board); a participant's slots
 * are kept too, since someone referred twice could otherwise be booked twice at one hour. The
 * database's exclusion constraints refuse either overlap, so the generator must not make one.
 */
export class HearingCalendar {
  private readonly byBoard = new Map<string, Set<number>>();

  /** The first free slot at or after `from` (or at or before it, going back), as an hour number. */
  book(boardId: string, person: number[], fromMs: number, back = false): number {
    let taken = this.byBoard.get(boardId);
    if (!taken) this.byBoard.set(boardId, (taken = new Set()));
    // Evening slots at 23:00, 00:00 and 01:00 UTC (6–8 pm in the central states).
    const firstDay = Math.floor(fromMs / DAY);
    for (let d = 0; ; d++) {
      const dayStart = (back ? firstDay - d : firstDay + d) * DAY;
      const weekday = new Date(dayStart).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const h of [23, 24, 25]) {
        const slot = (dayStart + h * HOUR) / HOUR;
        if (back ? slot * HOUR > fromMs : slot * HOUR < fromMs) continue;
        if (taken.has(slot) || person.includes(slot)) continue;
        taken.add(slot);
        person.push(slot);
        return slot;
      }
    }
  }

  /** A jurisdiction's boards are done with once its cases are generated. */
  clear() {
    this.byBoard.clear();
  }
}

/** One screening decision by the rules engine, with the results a real run records. */
function decisionRow(r: Rng, o: { caseId: string; jurisdictionId: string; policyId: string; decision: 'eligible' | 'ineligible' | 'needs_review'; charge: DemoCharge; at: number }): Cell[] {
  const met = new Set<string>();
  if (o.decision === 'ineligible') {
    met.add(o.charge.weapon ? 'weapon_involved' : 'violence_in_incident');
    // Some screened-out referrals have a second reason: history or quantity.
    if (r.chance(0.15)) met.add('violent_history_within_years');
    if (r.chance(0.1)) met.add('distribution_quantity');
  }
  const unknown = o.decision === 'needs_review' ? 'violence_in_incident' : null;
  const results: CriterionResult[] = loadPolicyCriteria.map((c) => ({
    kind: c.kind,
    result: met.has(c.kind) ? 'met' : c.kind === unknown ? 'unknown' : 'not_met',
    evidence: met.has(c.kind) ? `Generated: ${o.charge.code} ${o.charge.description}.` : c.kind === unknown ? 'The referral does not say.' : 'Generated: not met.',
    fields: ['charges'],
  }));
  const reason = o.decision === 'eligible' ? 'Eligible: no criterion met.' : o.decision === 'ineligible' ? `Not eligible: ${[...met].join(', ')}.` : 'Needs review: facts missing.';
  return [r.uuid(), o.caseId, o.jurisdictionId, o.policyId, 1, 'engine', o.decision, JSON.stringify(results), reason, new Date(o.at).toISOString()];
}

/** The offer's answer from the step after it: accepted, declined, or no answer by the deadline. */
function offerRow(r: Rng, o: { caseId: string; jurisdictionId: string; offeredAt: number; next: CaseStatus | undefined; reason: ReturnReason | null; answeredAt: number | null; now: number }): Cell[] {
  const deadline = o.offeredAt + 10 * DAY;
  const status = o.next === 'accepted' ? 'accepted' : o.next === 'returned' ? (o.reason === 'no_response' ? 'expired' : 'declined') : 'open';
  const answered = status === 'open' ? null : status === 'expired' ? deadline : Math.min(o.answeredAt ?? deadline, o.now);
  return [r.uuid(), o.caseId, o.jurisdictionId, new Date(o.offeredAt).toISOString(), new Date(deadline).toISOString(), status, answered === null ? null : new Date(Math.max(answered, o.offeredAt + 1000)).toISOString()];
}

export type CaseForSteps = {
  caseId: string;
  jurisdictionId: string;
  participantId: string;
  policyId: string;
  steps: CaseStatus[];
  times: number[];
  reason: ReturnReason | null;
  charge: DemoCharge;
  board: { id: string; venueId: string; chairId: string; members: string[] } | null;
  /** The participant's booked hearing slots (shared by their cases). */
  personSlots: number[];
  /** Missed first hearings are likelier where outcomes run worse. */
  risk: number;
  now: number;
};

/**
 * Adds a case's screening decision, offer and hearings to `out`. Returns when its first hearing was
 * held (the case row records it), or null.
 */
export function caseStepRows(r: Rng, cal: HearingCalendar, out: StepRows, c: CaseForSteps): number | null {
  const at = (s: CaseStatus) => c.times[c.steps.indexOf(s)];
  const screened = c.steps.find((s): s is 'eligible' | 'ineligible' | 'needs_review' => s === 'eligible' || s === 'ineligible' || s === 'needs_review');
  if (screened) out.decisions.push(decisionRow(r, { caseId: c.caseId, jurisdictionId: c.jurisdictionId, policyId: c.policyId, decision: screened, charge: c.charge, at: at(screened) }));
  const offered = c.steps.indexOf('offered');
  if (offered >= 0) {
    const next = c.steps[offered + 1];
    out.offers.push(offerRow(r, { caseId: c.caseId, jurisdictionId: c.jurisdictionId, offeredAt: c.times[offered], next, reason: c.reason, answeredAt: next ? c.times[offered + 1] : null, now: c.now }));
  }
  if (!c.board || !c.steps.includes('hearing_scheduled')) return null;
  const b = c.board;
  const hearing = (kind: 'initial' | 'check_in', status: 'scheduled' | 'held' | 'no_show_participant', slot: number) => {
    const id = r.uuid();
    const start = slot * HOUR;
    out.hearings.push([id, c.jurisdictionId, c.caseId, c.participantId, b.id, kind, new Date(start).toISOString(), new Date(start + HOUR).toISOString(), b.venueId, status, new Date(Math.min(start - 3 * DAY, c.now)).toISOString()]);
    // The chair and two members (a quorum of three).
    const seat = r.int(0, b.members.length - 2);
    const attendance = status === 'scheduled' ? 'unknown' : 'present';
    out.panelists.push([r.uuid(), id, b.chairId, 'chair', attendance], [r.uuid(), id, b.members[seat], 'member', attendance], [r.uuid(), id, b.members[seat + 1], 'member', attendance]);
  };
  const heldAt = c.steps.includes('hearing_held') ? at('hearing_held') : null;
  if (heldAt === null) {
    // Scheduled, not yet held: a few days to two weeks ahead. (A case withdrawn before its hearing
    // has none left on the calendar.)
    if (c.steps.at(-1) === 'hearing_scheduled') hearing('initial', 'scheduled', cal.book(b.id, c.personSlots, Math.max(at('hearing_scheduled'), c.now) + r.int(1, 14) * DAY));
    return null;
  }
  // Held hearings are in the past: booked back from the step's time when forward could pass now.
  const past = (from: number) => {
    const f = Math.min(from, c.now - HOUR);
    return cal.book(b.id, c.personSlots, f, f + 7 * DAY > c.now);
  };
  // Some participants miss the first date and come to the next one.
  if (r.chance(0.06 + c.risk * 0.1)) hearing('initial', 'no_show_participant', past(heldAt - 7 * DAY));
  const held = past(heldAt);
  hearing('initial', 'held', held);
  // Under an agreement: the mid-term check-in, held if its date has passed.
  if (c.steps.includes('in_progress')) {
    const due = held * HOUR + 45 * DAY;
    if (due < c.now - 7 * DAY) hearing('check_in', 'held', past(due));
    else if (due > c.now) hearing('check_in', 'scheduled', cal.book(b.id, c.personSlots, due));
  }
  return held * HOUR;
}

const DECISION_COLUMNS: ColumnSpec[] = [{ name: 'id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'policy_id', type: 'uuid' }, { name: 'policy_version', type: 'int4' }, { name: 'source', type: 'screening_source' }, { name: 'decision', type: 'screening_decision' }, { name: 'results', type: 'jsonb' }, { name: 'reason', type: 'text' }, { name: 'created_at', type: 'timestamptz' }];
const OFFER_COLUMNS: ColumnSpec[] = [{ name: 'id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'offered_at', type: 'timestamptz' }, { name: 'deadline_at', type: 'timestamptz' }, { name: 'status', type: 'offer_status' }, { name: 'responded_at', type: 'timestamptz' }];
const HEARING_COLUMNS: ColumnSpec[] = [{ name: 'id', type: 'uuid' }, { name: 'jurisdiction_id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'participant_id', type: 'uuid' }, { name: 'board_id', type: 'uuid' }, { name: 'kind', type: 'hearing_kind' }, { name: 'starts_at', type: 'timestamptz' }, { name: 'ends_at', type: 'timestamptz' }, { name: 'venue_id', type: 'uuid' }, { name: 'status', type: 'hearing_status' }, { name: 'created_at', type: 'timestamptz' }];
const PANELIST_COLUMNS: ColumnSpec[] = [{ name: 'id', type: 'uuid' }, { name: 'hearing_id', type: 'uuid' }, { name: 'user_id', type: 'uuid' }, { name: 'role', type: 'panel_role' }, { name: 'attendance', type: 'attendance' }];

/** Inserts a chunk's step rows; hearings before their panels (a panelist row copies its hearing's time). */
export async function insertStepRows(db: Db, rows: StepRows, add: (table: string, n: number) => void) {
  add('screening_decisions', await bulkInsert(db, 'screening_decisions', DECISION_COLUMNS, rows.decisions));
  add('case_offers', await bulkInsert(db, 'case_offers', OFFER_COLUMNS, rows.offers));
  add('hearings', await bulkInsert(db, 'hearings', HEARING_COLUMNS, rows.hearings));
  add('hearing_panelists', await bulkInsert(db, 'hearing_panelists', PANELIST_COLUMNS, rows.panelists));
}
