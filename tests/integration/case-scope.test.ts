import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, listCases, transitionCase } from '@/db/queries/cases';
import type { OpenDb } from '@/db/open';
import { NotFoundError } from '@/lib/errors';
import { actorOf, addMember, makeBoard, makeCase, makeJurisdiction, makeParticipant, makeUser } from '../helpers/factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

async function world() {
  const db = t.db;
  const jackson = await makeJurisdiction(db, { name: 'Jackson' });
  const platte = await makeJurisdiction(db, { name: 'Platte' });
  const northeast = await makeBoard(db, { jurisdictionId: jackson.id, zips: ['64124'] });
  const midtown = await makeBoard(db, { jurisdictionId: jackson.id, zips: ['64111'] });
  const volunteer = await makeUser(db, { jurisdictionId: jackson.id, role: 'volunteer' });
  await addMember(db, northeast.id, volunteer.id);
  const pUserA = await makeUser(db, { jurisdictionId: jackson.id, role: 'participant' });
  const pUserB = await makeUser(db, { jurisdictionId: jackson.id, role: 'participant' });
  const partA = await makeParticipant(db, { jurisdictionId: jackson.id, userId: pUserA.id });
  const partB = await makeParticipant(db, { jurisdictionId: jackson.id, userId: pUserB.id });
  const caseA = await makeCase(db, { jurisdictionId: jackson.id, participantId: partA.id, boardId: northeast.id, status: 'assigned' });
  const caseB = await makeCase(db, { jurisdictionId: jackson.id, participantId: partB.id, boardId: midtown.id, status: 'assigned' });
  const platteCase = await makeCase(db, { jurisdictionId: platte.id });
  const prosecutor = await makeUser(db, { jurisdictionId: jackson.id, role: 'prosecutor' });
  const platteProsecutor = await makeUser(db, { jurisdictionId: platte.id, role: 'prosecutor' });
  const coordinator = await makeUser(db, { jurisdictionId: jackson.id, role: 'coordinator' });
  const admin = await makeUser(db, { jurisdictionId: jackson.id, role: 'admin' });
  const provider = await makeUser(db, { jurisdictionId: jackson.id, role: 'provider' });
  return { jackson, platte, northeast, midtown, volunteer, pUserA, pUserB, caseA, caseB, platteCase, prosecutor, platteProsecutor, coordinator, admin, provider };
}

describe('case scope is enforced in the data layer', () => {
  it('a participant reads their own case but not another participant’s (not found)', async () => {
    const w = await world();
    const own = await getCase(t.db, actorOf(w.pUserA), w.caseA.id);
    expect(own.id).toBe(w.caseA.id);
    expect(own.view).toBe('participant');
    await expect(getCase(t.db, actorOf(w.pUserA), w.caseB.id)).rejects.toBeInstanceOf(NotFoundError);
    const list = await listCases(t.db, actorOf(w.pUserA));
    expect(list.items.map((c) => c.id)).toEqual([w.caseA.id]);
  });

  it('a volunteer reads cases of their board only, with volunteer-safe fields', async () => {
    const w = await world();
    const c = await getCase(t.db, actorOf(w.volunteer), w.caseA.id);
    expect(c.view).toBe('volunteer');
    expect(c).not.toHaveProperty('participant.dateOfBirth');
    expect(c).not.toHaveProperty('externalCaseNumber');
    await expect(getCase(t.db, actorOf(w.volunteer), w.caseB.id)).rejects.toBeInstanceOf(NotFoundError);
    const list = await listCases(t.db, actorOf(w.volunteer));
    expect(list.items.map((x) => x.id)).toEqual([w.caseA.id]);
  });

  it('a volunteer loses access when their membership ends', async () => {
    const w = await world();
    const { boardMemberships } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    await t.db.update(boardMemberships).set({ active: false }).where(eq(boardMemberships.userId, w.volunteer.id));
    await expect(getCase(t.db, actorOf(w.volunteer), w.caseA.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a prosecutor of another jurisdiction cannot read or change this one’s cases (not found)', async () => {
    const w = await world();
    await expect(getCase(t.db, actorOf(w.platteProsecutor), w.caseA.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(transitionCase(t.db, actorOf(w.platteProsecutor), { caseId: w.caseA.id, to: 'hearing_scheduled', version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    const theirs = await listCases(t.db, actorOf(w.platteProsecutor));
    expect(theirs.items.map((x) => x.id)).toEqual([w.platteCase.id]);
    const own = await getCase(t.db, actorOf(w.prosecutor), w.caseA.id);
    expect(own.view).toBe('staff');
  });

  it('admins and providers see no cases at all', async () => {
    const w = await world();
    for (const u of [w.admin, w.provider]) {
      await expect(getCase(t.db, actorOf(u), w.caseA.id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await listCases(t.db, actorOf(u))).items).toEqual([]);
    }
  });

  it('treats a malformed id as not found rather than an error', async () => {
    const w = await world();
    await expect(getCase(t.db, actorOf(w.coordinator), "1' or '1'='1")).rejects.toBeInstanceOf(NotFoundError);
  });
});
