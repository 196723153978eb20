import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '../types';
import { getMyCalendarFeed } from './calendar';
import { getCaseClosure } from './case-closures';
import { countCasesByStatus, getCase, listCases, type CaseListFilter } from './cases';
import { listMyHearings } from './hearings';
import { getMyJurisdiction } from './jurisdictions';
import { getOpenOffer } from './offers';

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
 * /portal: the participant's newest case with its open offer, upcoming meetings, calendar feed and
 * (once closed) what it means for their record. Two round trips: find the case, then the rest.
 */
export async function participantHomePageData(db: Db, actor: Actor) {
  const [page, jurisdiction] = await Promise.all([listCases(db, actor, { limit: 1 }), getMyJurisdiction(db, actor)]);
  const newest = page.items[0];
  if (!newest) return { jurisdiction, case: null } as const;
  const [c, hearings, feed, offer, closure] = await Promise.all([
    getCase(db, actor, newest.id),
    listMyHearings(db, actor, { pastDays: 0 }),
    getMyCalendarFeed(db, actor),
    newest.status === 'offered' ? getOpenOffer(db, actor, newest.id) : Promise.resolve(null),
    getCaseClosure(db, actor, newest.id),
  ]);
  return { jurisdiction, case: c, hearings, feed, offer, closure } as const;
}
