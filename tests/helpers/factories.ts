import { eq } from 'drizzle-orm';
import type { Db } from '@/db/types';
import {
  boardAreas,
  boardMemberships,
  boards,
  caseAssignments,
  caseEvents,
  cases,
  jurisdictions,
  participants,
  users,
  type JurisdictionSettings,
  type User,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { CaseEventPayload } from '@/lib/domain/case-events';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

export const defaultSettings: JurisdictionSettings = {
  divertsCases: true,
  offerDeadlineDays: 10,
  firstHearingTargetDays: 14,
  firstHearingAlertDays: 10,
  agreementLengthDays: 90,
  panelQuorum: 3,
  smsQuietHours: { start: '21:00', end: '08:00' },
  helpPhone: '(816) 555-0100',
  programName: 'Common Ground',
};

export async function makeJurisdiction(db: Db, o: Partial<typeof jurisdictions.$inferInsert> = {}) {
  const [j] = await db
    .insert(jurisdictions)
    .values({ slug: `j-${uniq()}`, name: 'Test County', timeZone: 'America/Chicago', settings: defaultSettings, ...o })
    .returning();
  return j;
}

export async function makeUser(db: Db, o: Partial<typeof users.$inferInsert> & Pick<typeof users.$inferInsert, 'jurisdictionId' | 'role'>) {
  const [u] = await db
    .insert(users)
    .values({ email: `${o.role}-${uniq()}@example.test`, name: `Test ${o.role}`, ...o })
    .returning();
  return u;
}

export function actorOf(u: User): Actor {
  return { userId: u.id, role: u.role, jurisdictionId: u.jurisdictionId, name: u.name, email: u.email, locale: u.locale };
}

export async function makeBoard(db: Db, o: Partial<typeof boards.$inferInsert> & { jurisdictionId: string; zips?: string[] }) {
  const { zips = [], ...rest } = o;
  const [b] = await db.insert(boards).values({ name: `Board ${uniq()}`, ...rest }).returning();
  if (zips.length) await db.insert(boardAreas).values(zips.map((zip) => ({ boardId: b.id, jurisdictionId: b.jurisdictionId, zip, neighborhood: `Area ${zip}` })));
  return b;
}

export async function addMember(db: Db, boardId: string, userId: string, o: Partial<typeof boardMemberships.$inferInsert> = {}) {
  const [m] = await db
    .insert(boardMemberships)
    .values({ boardId, userId, termStart: '2026-01-01', termEnd: '2027-12-31', ...o })
    .returning();
  return m;
}

export async function makeParticipant(db: Db, o: Partial<typeof participants.$inferInsert> & { jurisdictionId: string }) {
  const [p] = await db
    .insert(participants)
    .values({ firstName: 'Alex', lastName: `Doe${uniq()}`, dateOfBirth: '1998-04-02', zip: '64124', ...o })
    .returning();
  return p;
}

export async function makeCase(db: Db, o: Partial<typeof cases.$inferInsert> & { jurisdictionId: string; participantId?: string; boardId?: string }) {
  const { boardId, ...rest } = o;
  const participantId = rest.participantId ?? (await makeParticipant(db, { jurisdictionId: rest.jurisdictionId })).id;
  const [c] = await db
    .insert(cases)
    .values({ externalCaseNumber: `T-${uniq()}`, referringAgency: 'KCPD', incidentDate: '2026-10-01', summary: 'Possession only.', ...rest, participantId })
    .returning();
  if (boardId) await db.insert(caseAssignments).values({ caseId: c.id, boardId, reason: 'test' });
  return c;
}

export async function userByEmail(db: Db, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  return u;
}

/** A case's timeline, oldest first: the payloads of its case events. */
export async function caseEventsOf(db: Db, caseId: string): Promise<CaseEventPayload[]> {
  const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(caseEvents.id);
  return rows.map((r) => r.payload as CaseEventPayload);
}
