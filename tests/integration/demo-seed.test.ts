import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { listCases } from '@/db/queries/cases';
import { getOpenOffer } from '@/db/queries/offers';
import { boardMemberships, cases, jurisdictions, users } from '@/db/schema';
import { demoAccounts } from '@/db/seed-data/demo-accounts';
import { actorOf, userByEmail } from '../helpers/factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

describe('demo seed', () => {
  it('creates Jackson (diverting) and Platte and Clay (diverting nothing)', async () => {
    const js = await t.db.select().from(jurisdictions).orderBy(jurisdictions.slug);
    expect(js.map((j) => [j.slug, j.settings.divertsCases, j.timeZone])).toEqual([
      ['clay', false, 'America/Chicago'],
      ['jackson', true, 'America/Chicago'],
      ['platte', false, 'America/Chicago'],
    ]);
  });

  it('has an account for every role, ~20 volunteers and ~100 cases across the lifecycle', async () => {
    for (const a of demoAccounts) expect((await userByEmail(t.db, a.email)).role).toBe(a.role);
    const [{ n: vols }] = await t.db.select({ n: count() }).from(users).where(eq(users.role, 'volunteer'));
    expect(vols).toBe(20);
    const jackson = (await t.db.select().from(jurisdictions).where(eq(jurisdictions.slug, 'jackson')))[0];
    const byStatus = await t.db.select({ status: cases.status, n: count() }).from(cases).where(eq(cases.jurisdictionId, jackson.id)).groupBy(cases.status);
    const total = byStatus.reduce((s, r) => s + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(95);
    expect(total).toBeLessThanOrEqual(110);
    expect(byStatus.length).toBeGreaterThanOrEqual(10);
  });

  it('every board can seat a quorum of three with a chair', async () => {
    const rows = await t.db
      .select({ boardId: boardMemberships.boardId, members: count(), chairs: sql<number>`sum((${boardMemberships.role} = 'chair')::int)::int` })
      .from(boardMemberships)
      .groupBy(boardMemberships.boardId);
    expect(rows.length).toBe(8);
    for (const r of rows) {
      expect(r.members).toBeGreaterThanOrEqual(3);
      expect(r.chairs).toBe(1);
    }
  });

  it('the demo participant sees exactly their own case, and the demo volunteer sees it on their board', async () => {
    const participant = await userByEmail(t.db, 'participant@demo.test');
    const own = await listCases(t.db, actorOf(participant));
    expect(own.items).toHaveLength(1);
    const volunteer = await userByEmail(t.db, 'volunteer@demo.test');
    const boardCases = await listCases(t.db, actorOf(volunteer), { limit: 100 });
    expect(boardCases.items.map((c) => c.id)).toContain(own.items[0].id);
    const participant2 = await userByEmail(t.db, 'participant2@demo.test');
    const other = await listCases(t.db, actorOf(participant2));
    expect(boardCases.items.map((c) => c.id)).not.toContain(other.items[0].id);
  });

  it('the demo participant with an open offer (participant5@demo.test) sees only their offered case and its open offer', async () => {
    const p5 = await userByEmail(t.db, 'participant5@demo.test');
    const own = await listCases(t.db, actorOf(p5));
    expect(own.items).toHaveLength(1);
    expect(own.items[0].status).toBe('offered');
    const offer = await getOpenOffer(t.db, actorOf(p5), own.items[0].id);
    expect(offer).toBeTruthy();
  });

  it('paginates the coordinator’s list by keyset without gaps or repeats', async () => {
    const coord = await userByEmail(t.db, 'coordinator@demo.test');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCases(t.db, actorOf(coord), { limit: 17, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await listCases(t.db, actorOf(coord), { limit: 100 });
    const rest = all.nextCursor ? (await listCases(t.db, actorOf(coord), { limit: 100, cursor: all.nextCursor })).items : [];
    expect(seen).toEqual([...all.items, ...rest].map((c) => c.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
