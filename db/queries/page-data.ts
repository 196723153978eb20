import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '../types';
import { getCaseAgreements } from './agreements';
import { getMyCalendarFeed } from './calendar';
import { getCaseClosure } from './case-closures';
import { countCasesByStatus, getCase, listCases, type CaseListFilter } from './cases';
import { listMyHearings } from './hearings';
import { getMyJurisdiction } from './jurisdictions';
import { getOpenOffer } from './offers';
import { listMyNotices, listMyPortalHearings } from './portal';

/**
 * Everything a key page reads, in one function per page, so that (1) the page does all its reads in
 * as few round trips as possible (independent reads in parallel, no read per row), (2) the benchmark
 * baseline (app/api/bench/[measure]) runs exactly the same SQL without rendering, and (3)
 * tests/integration/page-queries.test.ts can assert how many statements each page costs.
 */

/** /cases: the jurisdiction's name, one keyset page of cases, counts per status for the filter bar. */
export async function caseListPageData(db: Db, actor: Actor, filter: CaseListFilter) {
  const [jurisdiction, page, counts] = await Promise.all([getMyJurisdiction(db, actor), listCases(db, actor, filter), countCasesByStatus(db, actor)]);
  return { jurisdiction, page, counts };
}

/** /board/hearings: the volunteer's hearings (panels folded in), time zone, calendar feed state. */
export async function volunteerHearingsPageData(db: Db, actor: Actor) {
  const [items, jurisdiction, feed] = await Promise.all([listMyHearings(db, actor), getMyJurisdiction(db, actor), getMyCalendarFeed(db, actor)]);
  return { items, jurisdiction, feed };
}

/**
 * /portal: the participant's newest case with its open offer, upcoming meetings and surveys due,
 * messages, agreement (what is due next) and (once closed) what it means for their record. Two
 * round trips: find the case (with the meetings and messages, which do not need it), then the rest.
 */
export async function participantHomePageData(db: Db, actor: Actor) {
  const [page, jurisdiction, meetings, notices] = await Promise.all([listCases(db, actor, { limit: 1 }), getMyJurisdiction(db, actor), listMyPortalHearings(db, actor), listMyNotices(db, actor)]);
  const newest = page.items[0];
  if (!newest) return { jurisdiction, meetings, notices, case: null } as const;
  const [c, offer, closure, agreements] = await Promise.all([
    getCase(db, actor, newest.id),
    newest.status === 'offered' ? getOpenOffer(db, actor, newest.id) : Promise.resolve(null),
    getCaseClosure(db, actor, newest.id),
    getCaseAgreements(db, actor, newest.id),
  ]);
  return { jurisdiction, meetings, notices, case: c, offer, closure, agreements } as const;
}
