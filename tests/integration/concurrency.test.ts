/**
 * Races on PostgreSQL (issue 9, point 6): many requests at once through a pool of ≥ 20 separate
 * connections, so the database — not the test's event loop — decides who wins.
 *   - RACE_SIZE (default 200) parallel bookings of one slot → exactly one hearing, everyone else a
 *     clear "just taken" answer;
 *   - RACE_SIZE / 4 (default 50) parallel edits from the same version → one wins, the rest are told
 *     to reload, and the stored value is the winner's (no lost update), with one audit entry;
 *   - the same CSV file imported by several requests at once, and again afterwards → every row once;
 *   - an API client's retries of one referral (a storm of identical POSTs, then a late retry) → one case.
 * PGlite is one connection that runs one statement at a time, so nothing can race there: these
 * tests run only in the PostgreSQL pass of .ci/run (TEST_DATABASE_URL); vitest.config.mts leaves the
 * file out of the PGlite pass.
 * `RACE_SIZE=1000 TEST_DATABASE_URL=… npx vitest run tests/integration/concurrency.test.ts` for a larger run.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { OpenDb } from '@/db/open';
import { createApiToken } from '@/db/queries/api-tokens';
import { transitionCase } from '@/db/queries/cases';
import { completeTask } from '@/db/queries/tasks';
import { updateParticipantContact } from '@/db/queries/contact-preferences';
import { bookHearing, SlotTakenWithOptions } from '@/db/queries/hearings';
import { importReferralCsv } from '@/db/queries/referrals';
import { encodeProposal } from '@/db/queries/scheduling';
import { auditLog, caseEvents, caseTasks, cases, hearings, participants } from '@/db/schema';
import { errorResult } from '@/lib/actions';
import { postReferral } from '@/lib/http/v1';
import { ConflictError } from '@/lib/errors';
import { actorOf, makeCase, makeJurisdiction, makeUser } from '../helpers/factories';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { generateReferralCsv } from '../helpers/referral-csv';
import { makeAssignedCase, makeSchedulingWorld } from '../helpers/scheduling-factories';
import { createTestDb } from '../helpers/test-db';

const onPostgres = !!inject('pgTemplates');
const RACE = Number(process.env.RACE_SIZE ?? 200);
const EDITS = Math.max(10, Math.round(RACE / 4));

let t: OpenDb;
beforeAll(async () => {
  if (!onPostgres) throw new Error('The race suite needs PostgreSQL: run it with TEST_DATABASE_URL (PGlite cannot run two statements at once).');
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

describe('concurrency on PostgreSQL', { timeout: Math.max(120_000, RACE * 1_000) }, () => {
  it('uses a pool of at least 20 separate connections, and they really overlap', async () => {
    const pool = (t.db as unknown as { $client: { options: { max: number } } }).$client;
    expect(pool.options.max).toBeGreaterThanOrEqual(20);
    // 20 sessions each holding a connection at the same moment: 20 different backends.
    const pids = await Promise.all(Array.from({ length: 20 }, async () => ((await t.db.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.2)`)) as { rows: { pid: number }[] }).rows[0].pid));
    expect(new Set(pids).size).toBe(20);
  });

  it(`${RACE} parallel bookings of one slot: exactly one hearing, everyone else told it was just taken`, async () => {
    const w = await makeSchedulingWorld(t.db);
    const caseIds: string[] = [];
    for (let i = 0; i < RACE; i++) caseIds.push((await makeAssignedCase(t.db, w)).id);
    const start = new Date(Date.now() + 8 * 86_400_000);
    const proposal = encodeProposal({
      start: Math.floor(start.getTime() / 60_000),
      venueId: w.rooms[0].id,
      panel: [{ id: w.chair.id, role: 'chair' }, ...[w.members[0].id, w.members[1].id].map((id) => ({ id, role: 'member' as const }))],
      alternate: w.members[2].id,
    });
    const results = await Promise.allSettled(caseIds.map((caseId) => bookHearing(t.db, w.coord, { caseId, proposal })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(RACE - 1);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(SlotTakenWithOptions);
      // What the person sees (the action's answer): a clear message, never a 500.
      expect(errorResult(l.reason)).toMatchObject({ ok: false, message: expect.stringMatching(/just taken/) });
    }
    const [{ n }] = await t.db.select({ n: count() }).from(hearings).where(eq(hearings.venueId, w.rooms[0].id));
    expect(n).toBe(1);
    const scheduled = await t.db.select({ id: cases.id }).from(cases).where(and(eq(cases.status, 'hearing_scheduled'), eq(cases.jurisdictionId, w.j.id)));
    expect(scheduled).toHaveLength(1);
    const [{ events }] = await t.db.select({ events: count() }).from(caseEvents).where(eq(caseEvents.caseId, scheduled[0].id));
    expect(events).toBeGreaterThanOrEqual(1);
  });

  it(`${EDITS} parallel edits of a participant's contact from the same version: one wins, the rest told to reload, no lost update`, async () => {
    const j = await makeJurisdiction(t.db);
    const coord = actorOf(await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' }));
    const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'eligible' });
    const [p0] = await t.db.select().from(participants).where(eq(participants.id, c.participantId));
    const emails = Array.from({ length: EDITS }, (_, i) => `race${i}@example.org`);
    const results = await Promise.allSettled(emails.map((email) => updateParticipantContact(t.db, coord, { caseId: c.id, phone: '', email, version: p0.version })));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect(errorResult(r.reason).message).toMatch(/Reload/);
    }
    const [p1] = await t.db.select().from(participants).where(eq(participants.id, p0.id));
    expect(p1.email).toBe(emails[won[0]]);
    expect(p1.version).toBe(p0.version + 1);
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'contact.participant_update'), eq(auditLog.entityId, p0.id)));
    expect(n).toBe(1);
  });

  it(`${EDITS} parallel status changes of one case from the same version: one wins, one event, the rest told to reload`, async () => {
    const j = await makeJurisdiction(t.db);
    const coord = actorOf(await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' }));
    const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'eligible' });
    const targets = Array.from({ length: EDITS }, (_, i) => (i % 2 ? 'offered' : 'ineligible') as 'offered' | 'ineligible');
    const results = await Promise.allSettled(targets.map((to) => transitionCase(t.db, coord, { caseId: c.id, to, version: 1 })));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ status: targets[won[0]], version: 2 });
    const [{ n }] = await t.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(n).toBe(1);
  });

  it('two completions of one task from the same version, both past the unlocked read: one wins and is audited, the other told to reload', async () => {
    const j = await makeJurisdiction(t.db);
    const coord = actorOf(await makeUser(t.db, { jurisdictionId: j.id, role: 'coordinator' }));
    const c = await makeCase(t.db, { jurisdictionId: j.id, status: 'in_progress' });
    const [task] = await t.db.insert(caseTasks).values({ jurisdictionId: j.id, caseId: c.id, kind: 'other', title: 'Call back', dueAt: new Date(Date.now() + 86_400_000) }).returning();
    // Another session holds the task row, so both completions read version 1 (the read takes no
    // lock) and then queue on the row in their UPDATE; the holder lets go once both are waiting.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holder = t.db.transaction(async (tx) => {
      await tx.select({ id: caseTasks.id }).from(caseTasks).where(eq(caseTasks.id, task.id)).for('update');
      await held;
    });
    const attempts = [0, 1].map(() => completeTask(t.db, coord, { taskId: task.id, version: task.version }));
    const settled = Promise.allSettled(attempts);
    for (let i = 0; i < 200; i++) {
      const r = (await t.db.execute(sql`select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.datname = current_database()`)) as unknown as { rows: { n: number }[] };
      if (r.rows[0].n >= 2) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    release();
    await holder;
    const results = await settled;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(ConflictError);
    const [row] = await t.db.select().from(caseTasks).where(eq(caseTasks.id, task.id));
    expect(row).toMatchObject({ status: 'done', version: task.version + 1 });
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'task.complete'), eq(auditLog.entityId, task.id)));
    expect(n).toBe(1);
  });

  it('one CSV file imported by 8 requests at once, then once more: every row exactly once', async () => {
    const { j, prosecutor } = await makeIntakeJurisdiction(t.db);
    const rows = Math.max(40, Math.round(RACE / 2));
    const { text } = generateReferralCsv({ rows, bad: 0, prefix: 'RACE' });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => importReferralCsv(t.db, prosecutor, text)));
    for (const r of results) expect(r.status, r.status === 'rejected' ? String(r.reason) : '').toBe('fulfilled');
    const created = results.reduce((s, r) => s + (r.status === 'fulfilled' ? r.value.created : 0), 0);
    expect(created).toBe(rows);
    const again = await importReferralCsv(t.db, prosecutor, text);
    expect(again.created).toBe(0);
    expect(again.alreadyImported).toBe(rows);
    const [{ n }] = await t.db.select({ n: count() }).from(cases).where(eq(cases.jurisdictionId, j.id));
    expect(n).toBe(rows);
    const dupes = (await t.db.execute(sql`select external_case_number from cases where jurisdiction_id = ${j.id} group by 1 having count(*) > 1`)) as { rows: unknown[] };
    expect(dupes.rows).toEqual([]);
    const people = (await t.db.execute(sql`select lower(first_name), lower(last_name), date_of_birth from participants where jurisdiction_id = ${j.id} group by 1, 2, 3 having count(*) > 1`)) as { rows: unknown[] };
    expect(people.rows).toEqual([]);
  });

  it('API retries of one referral (a storm of 40 identical POSTs, then a late retry) make one case', async () => {
    const setup = await makeIntakeJurisdiction(t.db);
    const admin = actorOf(await makeUser(t.db, { jurisdictionId: setup.j.id, role: 'admin' }));
    const { token } = await createApiToken(t.db, admin, { name: 'Race CMS' });
    const body = JSON.stringify(referralInput());
    const post = () =>
      postReferral(t.db, new Request('http://localhost/api/v1/referrals', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': 'retry-1' }, body }));
    const res = await Promise.all(Array.from({ length: 40 }, post));
    const statuses = res.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(39).fill(200)].map((s, i) => (i === 0 ? 201 : s)).sort());
    const ids = new Set(await Promise.all(res.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    const late = await post();
    expect(late.status).toBe(200);
    expect((await late.json()).id).toBe([...ids][0]);
    const [{ n }] = await t.db.select({ n: count() }).from(cases).where(eq(cases.jurisdictionId, setup.j.id));
    expect(n).toBe(1);
  });
});
