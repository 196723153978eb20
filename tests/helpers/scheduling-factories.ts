import type { Db } from '@/db/types';
import { venues, volunteerAvailability, volunteerProfiles, type User } from '@/db/schema';
import { actorOf, addMember, makeBoard, makeCase, makeJurisdiction, makeParticipant, makeUser } from './factories';

export const EVENINGS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 17 * 60, end: 21 * 60 }));
export const SATURDAY_MORNING = [{ weekday: 6, start: 9 * 60, end: 13 * 60 }];

export async function makeVolunteer(
  db: Db,
  o: { jurisdictionId: string; boardId: string; role?: 'member' | 'chair'; name?: string; windows?: { weekday: number; start: number; end: number }[]; profile?: Partial<typeof volunteerProfiles.$inferInsert>; termEnd?: string },
) {
  const u = await makeUser(db, { jurisdictionId: o.jurisdictionId, role: 'volunteer', name: o.name ?? 'Test Volunteer' });
  await addMember(db, o.boardId, u.id, { role: o.role ?? 'member', termStart: '2026-01-01', termEnd: o.termEnd ?? (o.role === 'chair' ? '2026-12-31' : '2028-12-31') });
  await db.insert(volunteerProfiles).values({
    userId: u.id,
    jurisdictionId: o.jurisdictionId,
    backgroundCheckDate: '2025-06-01',
    backgroundCheckExpires: '2028-06-01',
    trainingHours: 18,
    hearingsObserved: 2,
    confidentialitySignedAt: '2026-01-02',
    lastName: (o.name ?? 'Test Volunteer').split(' ').at(-1)!,
    ...o.profile,
  });
  const windows = o.windows ?? [...EVENINGS, ...SATURDAY_MORNING];
  if (windows.length) await db.insert(volunteerAvailability).values(windows.map((w) => ({ userId: u.id, jurisdictionId: o.jurisdictionId, weekday: w.weekday, startMinute: w.start, endMinute: w.end })));
  return u;
}

export async function makeVenue(db: Db, o: Partial<typeof venues.$inferInsert> & { jurisdictionId: string }) {
  const [v] = await db
    .insert(venues)
    .values({ name: 'Test Library', kind: 'library', addressLine: '1 Main St', zip: '64124', hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: 8 * 60, end: 22 * 60 })), ...o })
    .returning();
  return v;
}

/** A jurisdiction with a coordinator, a board of a chair and three members, one room. */
export async function makeSchedulingWorld(db: Db, o: { members?: number; venues?: number } = {}) {
  const j = await makeJurisdiction(db);
  const coordinator = await makeUser(db, { jurisdictionId: j.id, role: 'coordinator' });
  const board = await makeBoard(db, { jurisdictionId: j.id, zips: [] });
  const chair = await makeVolunteer(db, { jurisdictionId: j.id, boardId: board.id, role: 'chair', name: 'Chair Person' });
  const members: User[] = [];
  for (let i = 0; i < (o.members ?? 3); i++) members.push(await makeVolunteer(db, { jurisdictionId: j.id, boardId: board.id, name: `Member ${'ABCDEFGHIJ'[i]}` }));
  const rooms = [];
  for (let i = 0; i < (o.venues ?? 1); i++) rooms.push(await makeVenue(db, { jurisdictionId: j.id, name: `Library ${i + 1}` }));
  return { j, coordinator, coord: actorOf(coordinator), board, chair, members, rooms };
}

export async function makeAssignedCase(db: Db, w: { j: { id: string }; board: { id: string } }, o: { lastName?: string; addressLine?: string; zip?: string } = {}) {
  const p = await makeParticipant(db, { jurisdictionId: w.j.id, ...(o.lastName ? { lastName: o.lastName } : {}), ...(o.addressLine ? { addressLine: o.addressLine } : {}), ...(o.zip ? { zip: o.zip } : {}) });
  return makeCase(db, { jurisdictionId: w.j.id, participantId: p.id, boardId: w.board.id, status: 'assigned' });
}
