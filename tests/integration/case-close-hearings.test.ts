import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { closeCase } from '@/db/queries/case-closures';
import { transitionCase } from '@/db/queries/cases';
import { bookHearing, cancelHearing, listMyHearings, recordDisposition } from '@/db/queries/hearings';
import { encodeProposal, findProposals } from '@/db/queries/scheduling';
import { auditLog, caseFacts, cases, hearingPanelists, hearings, outbox } from '@/db/schema';
import { RuleError } from '@/lib/errors';
import { actorOf, caseEventsOf, makeCase } from '../helpers/factories';
import { makeAssignedCase, makeSchedulingWorld } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
const WITHDRAWN = 'Participant asked to leave the program.';

const token = (start: Date, venueId: string, chair: string, members: string[]) =>
  encodeProposal({ start: Math.floor(start.getTime() / 60_000), venueId, panel: [{ id: chair, role: 'chair' }, ...members.map((id) => ({ id, role: 'member' as const }))], alternate: null });

async function caseRow(caseId: string) {
  const [row] = await t.db.select().from(cases).where(eq(cases.id, caseId));
  return row;
}
async function hearingRow(hearingId: string) {
  const [row] = await t.db.select().from(hearings).where(eq(hearings.id, hearingId));
  return row;
}
const eventsOf = (caseId: string) => caseEventsOf(t.db, caseId);

describe('closing a case cancels its scheduled hearings', () => {
  it('withdrawn: the hearing is cancelled in the closing transaction, frees room, seats and slot, tells the panel (not the participant twice) and cannot be recorded', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const { proposals } = await findProposals(t.db, w.coord, { caseId: c.id });
    const p = proposals[0];
    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: p.token });
    const before = await caseRow(c.id);
    expect(before.status).toBe('hearing_scheduled');

    await closeCase(t.db, w.coord, { caseId: c.id, version: before.version, outcome: 'withdrawn', summary: WITHDRAWN });

    expect((await caseRow(c.id)).status).toBe('returned');
    const h = await hearingRow(booked.hearingId);
    expect(h).toMatchObject({ status: 'cancelled', active: false, statusReason: 'The case was returned to the prosecutor', sequence: 1 });
    const seats = await t.db.select().from(hearingPanelists).where(eq(hearingPanelists.hearingId, booked.hearingId));
    expect(seats.length).toBeGreaterThan(0);
    expect(seats.every((s) => !s.active)).toBe(true);

    // Case event and audit row, in the same transaction as the close.
    const evs = await eventsOf(c.id);
    expect(evs.map((e) => e.type).slice(-3)).toEqual(['status_changed', 'hearing_cancelled', 'case_closed']);
    expect(evs.find((e) => e.type === 'hearing_cancelled')).toMatchObject({ hearingId: booked.hearingId, reason: 'The case was returned to the prosecutor' });
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'hearing.cancel'), eq(auditLog.entityId, booked.hearingId)));
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toMatchObject({ via: 'case_closed' });

    // Notices: every seat gets hearing.cancelled; the participant gets case.returned only; no reminder is left pending.
    const notices = await t.db.select().from(outbox).where(eq(outbox.caseId, c.id));
    const cancelled = notices.filter((n) => n.templateKey === 'hearing.cancelled');
    expect(cancelled.every((n) => n.recipientKind === 'user')).toBe(true);
    expect(new Set(cancelled.map((n) => n.recipientId))).toEqual(new Set(seats.map((s) => s.userId)));
    expect(notices.some((n) => n.templateKey === 'case.returned' && n.recipientKind === 'participant')).toBe(true);
    expect(notices.filter((n) => n.status === 'pending' && n.templateKey.startsWith('hearing.') && n.templateKey !== 'hearing.cancelled')).toEqual([]);

    // Volunteers see it as cancelled; it can no longer be recorded.
    const mine = await listMyHearings(t.db, actorOf(w.chair));
    expect(mine.find((x) => x.id === booked.hearingId)?.status).toBe('cancelled');
    const err = await recordDisposition(t.db, w.coord, { hearingId: booked.hearingId, disposition: 'held', version: h.version }, { now: new Date(p.startsAt.getTime() + 3600_000) }).catch((e) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect(err.message).toMatch(/returned \(closed\).*can no longer be recorded/);

    // The same participant, room and panel can be booked at that time again (exclusion constraints freed).
    const again = await makeCase(t.db, { jurisdictionId: w.j.id, participantId: c.participantId, boardId: w.board.id, status: 'assigned' });
    await expect(bookHearing(t.db, w.coord, { caseId: again.id, proposal: p.token })).resolves.toMatchObject({ startsAt: p.startsAt });

    const [f] = await t.db.select().from(caseFacts).where(eq(caseFacts.caseId, c.id));
    expect(f).toMatchObject({ status: 'returned', hearingsAttended: 0 });
  });

  it('completed: a scheduled check-in hearing is cancelled with the case', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const first = new Date(Math.floor((Date.now() - 3 * DAY) / 60_000) * 60_000);
    const initial = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: token(first, w.rooms[0].id, w.chair.id, [w.members[0].id, w.members[1].id]) }, { now: new Date(first.getTime() - DAY) });
    await recordDisposition(t.db, w.coord, { hearingId: initial.hearingId, disposition: 'held', version: 1 });
    let row = await caseRow(c.id);
    await transitionCase(t.db, w.coord, { caseId: c.id, to: 'in_progress', version: row.version });
    const { proposals } = await findProposals(t.db, w.coord, { caseId: c.id });
    const checkIn = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: proposals[0].token, kind: 'check_in' });

    row = await caseRow(c.id);
    await closeCase(t.db, w.coord, { caseId: c.id, version: row.version, outcome: 'completed', summary: '' });
    expect((await caseRow(c.id)).status).toBe('completed');
    expect(await hearingRow(checkIn.hearingId)).toMatchObject({ status: 'cancelled', active: false, statusReason: 'The case was completed' });
    expect((await hearingRow(initial.hearingId)).status).toBe('held');
    const [f] = await t.db.select().from(caseFacts).where(eq(caseFacts.caseId, c.id));
    expect(f).toMatchObject({ status: 'completed', hearingsAttended: 1 });
  });

  it('a hearing that started before the case closed is left alone, but its outcome can no longer be recorded', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const { proposals } = await findProposals(t.db, w.coord, { caseId: c.id });
    const p = proposals[0];
    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: p.token });
    const later = new Date(p.startsAt.getTime() + 2 * 3600_000);
    const row = await caseRow(c.id);
    await closeCase(t.db, w.coord, { caseId: c.id, version: row.version, outcome: 'withdrawn', summary: WITHDRAWN }, later);

    const h = await hearingRow(booked.hearingId);
    expect(h.status).toBe('scheduled');
    const err = await recordDisposition(t.db, w.coord, { hearingId: booked.hearingId, disposition: 'held', version: h.version }, { now: later }).catch((e) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect(err.message).toMatch(/can no longer be recorded/);
    expect((await hearingRow(booked.hearingId)).status).toBe('scheduled');
    const [f] = await t.db.select().from(caseFacts).where(eq(caseFacts.caseId, c.id));
    expect(f).toMatchObject({ status: 'returned', hearingsAttended: 0, firstHearingAt: null });
  });
});

describe('the generic status form keeps hearing_scheduled and the scheduled hearing together', () => {
  it('refuses → assigned while a hearing is scheduled, and assigned → hearing scheduled without one', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    const { proposals } = await findProposals(t.db, w.coord, { caseId: c.id });
    const booked = await bookHearing(t.db, w.coord, { caseId: c.id, proposal: proposals[0].token });
    let row = await caseRow(c.id);
    expect(row.status).toBe('hearing_scheduled');

    const back = await transitionCase(t.db, w.coord, { caseId: c.id, to: 'assigned', version: row.version }).catch((e) => e);
    expect(back).toBeInstanceOf(RuleError);
    expect(back.message).toMatch(/Cancel the scheduled hearing first/);
    expect(back.fieldErrors?.to?.[0] ?? back.message).toMatch(/scheduled hearing/);
    expect((await caseRow(c.id)).status).toBe('hearing_scheduled');

    // Cancelling the only hearing sends the case back to assigned by itself.
    const h = await hearingRow(booked.hearingId);
    await cancelHearing(t.db, w.coord, { hearingId: booked.hearingId, reason: 'Room flooded', version: h.version });
    row = await caseRow(c.id);
    expect(row.status).toBe('assigned');

    const forward = await transitionCase(t.db, w.coord, { caseId: c.id, to: 'hearing_scheduled', version: row.version }).catch((e) => e);
    expect(forward).toBeInstanceOf(RuleError);
    expect(forward.message).toMatch(/Book a hearing/);
    expect((await caseRow(c.id)).status).toBe('assigned');
  });
});
