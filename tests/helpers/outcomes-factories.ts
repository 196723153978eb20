import { caseOffers, hearings, screeningDecisions, screeningPolicies } from '@/db/schema';
import type { Db } from '@/db/types';
import { defaultCriteria } from '@/lib/domain/eligibility';
import type { CaseStatus, ReturnReason } from '@/lib/domain/case-lifecycle';
import { actorOf, makeBoard, makeCase, makeJurisdiction, makeParticipant, makeUser } from './factories';
import { makeVenue } from './scheduling-factories';

const DAY = 86_400_000;

/** A jurisdiction with two boards (Northeast: 64124, Westside: 64108), a policy, a venue and staff. */
export async function makeOutcomesWorld(db: Db) {
  const j = await makeJurisdiction(db);
  const [policy] = await db.insert(screeningPolicies).values({ jurisdictionId: j.id, version: 1, criteria: defaultCriteria(), divertsCases: true, note: 'v1' }).returning();
  const northeast = await makeBoard(db, { jurisdictionId: j.id, name: 'Northeast', zips: ['64124'] });
  const westside = await makeBoard(db, { jurisdictionId: j.id, name: 'Westside', zips: ['64108'] });
  const venue = await makeVenue(db, { jurisdictionId: j.id });
  const prosecutor = actorOf(await makeUser(db, { jurisdictionId: j.id, role: 'prosecutor' }));
  const coordinator = actorOf(await makeUser(db, { jurisdictionId: j.id, role: 'coordinator' }));
  return { j, policy, boards: { northeast, westside }, venue, prosecutor, coordinator };
}

export type FactCase = {
  referredAt: Date;
  race?: 'white' | 'black' | 'asian' | 'pacific_islander' | 'unknown';
  ethnicity?: 'hispanic' | 'not_hispanic' | 'unknown';
  sex?: 'male' | 'female';
  participantId?: string;
  boardId?: string;
  zip?: string;
  /** Screening decision; null = not screened. */
  decision?: 'eligible' | 'ineligible' | null;
  ineligibleKinds?: string[];
  offer?: 'accepted' | 'declined' | null;
  status: CaseStatus;
  returnReason?: ReturnReason;
  closedAt?: Date;
  firstHearingAt?: Date;
};

/** One case with exactly the raw rows described, written straight to the tables (no lifecycle). */
export async function makeFactCase(db: Db, w: Awaited<ReturnType<typeof makeOutcomesWorld>>, s: FactCase) {
  const participantId =
    s.participantId ??
    (await makeParticipant(db, { jurisdictionId: w.j.id, race: s.race ?? 'unknown', ethnicity: s.ethnicity ?? 'unknown', sex: s.sex ?? 'male', dateOfBirth: '1998-04-02', zip: s.zip ?? '64124' })).id;
  const c = await makeCase(db, {
    jurisdictionId: w.j.id,
    participantId,
    boardId: s.boardId,
    referredAt: s.referredAt,
    status: s.status,
    returnReason: s.returnReason ?? null,
    closedAt: s.closedAt ?? null,
    firstHearingAt: s.firstHearingAt ?? null,
  });
  if (s.decision) {
    const results = (s.ineligibleKinds ?? []).map((kind) => ({ kind, result: 'met', evidence: 'test', fields: [] }));
    await db.insert(screeningDecisions).values({
      caseId: c.id,
      jurisdictionId: w.j.id,
      policyId: w.policy.id,
      policyVersion: 1,
      source: 'engine',
      decision: s.decision,
      results: results as never,
      reason: 'test',
      createdAt: s.referredAt,
    });
  }
  if (s.offer) {
    await db.insert(caseOffers).values({ caseId: c.id, jurisdictionId: w.j.id, offeredAt: s.referredAt, deadlineAt: new Date(s.referredAt.getTime() + 10 * DAY), status: s.offer, respondedAt: new Date(s.referredAt.getTime() + DAY) });
  }
  return { ...c, participantId };
}

/** A past hearing of a case with the given outcome. */
export async function makePastHearing(db: Db, w: Awaited<ReturnType<typeof makeOutcomesWorld>>, c: { id: string; participantId: string }, startsAt: Date, status: 'held' | 'no_show_participant') {
  await db.insert(hearings).values({ jurisdictionId: w.j.id, caseId: c.id, participantId: c.participantId, boardId: w.boards.northeast.id, venueId: w.venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), status });
}
