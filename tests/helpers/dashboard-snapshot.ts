import { eq } from 'drizzle-orm';
import { dashboardPeriods, dashboardPeriodTallies } from '@/db/schema';
import type { Db } from '@/db/types';

/** The jurisdiction-wide dashboard rows (zero rows left out), comparable between runs. */
export async function snapshot(db: Db, jurisdictionId?: string) {
  const periods = await db.select().from(dashboardPeriods).where(jurisdictionId ? eq(dashboardPeriods.jurisdictionId, jurisdictionId) : undefined);
  const tallies = await db.select().from(dashboardPeriodTallies).where(jurisdictionId ? eq(dashboardPeriodTallies.jurisdictionId, jurisdictionId) : undefined);
  const key = (r: object) => JSON.stringify(r);
  return { periods: periods.filter((r) => r.referred !== 0).map(key).toSorted(), tallies: tallies.filter((r) => r.count !== 0).map(key).toSorted() };
}
