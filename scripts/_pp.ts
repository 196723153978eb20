import { eq } from 'drizzle-orm';
import { openPostgres } from '@/db/open';
import { users } from '@/db/schema';
import { listCases, getCase } from '@/db/queries/cases';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { listMyNotices, listMyPortalHearings } from '@/db/queries/portal';
import { getCaseClosure } from '@/db/queries/case-closures';
import { getCaseAgreements } from '@/db/queries/agreements';
import { participantHomePageData } from '@/db/queries/page-data';
(async () => {
  const o = await openPostgres(process.argv[2], 4);
  const db = o.db;
  const [u] = await db.select().from(users).where(eq(users.email, 'participant@demo.test'));
  const actor = { userId: u.id, role: 'participant' as const, jurisdictionId: u.jurisdictionId, name: u.name, email: u.email, locale: u.locale };
  const caseId = (await listCases(db, actor as any, { limit: 1 })).items[0].id;
  const fns: Record<string, () => Promise<unknown>> = {
    listCases: () => listCases(db, actor as any, { limit: 1 }),
    jurisdiction: () => getMyJurisdiction(db, actor as any),
    portalHearings: () => listMyPortalHearings(db, actor as any),
    notices: () => listMyNotices(db, actor as any),
    getCase: () => getCase(db, actor as any, caseId),
    closure: () => getCaseClosure(db, actor as any, caseId),
    agreements: () => getCaseAgreements(db, actor as any, caseId),
    BASELINE: () => participantHomePageData(db, actor as any),
  };
  for (const [k, f] of Object.entries(fns)) {
    for (let i = 0; i < 5; i++) await f();
    const ts: number[] = [];
    for (let i = 0; i < 25; i++) { const t = performance.now(); await f(); ts.push(performance.now() - t); }
    ts.sort((a, b) => a - b);
    console.log(k.padEnd(16), ts[12].toFixed(2));
  }
  await o.close();
})();
