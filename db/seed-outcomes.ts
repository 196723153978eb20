import 'server-only';
import { rebuildCaseFacts } from './queries/case-facts';
import type { Db } from './types';

/**
 * Outcomes demo data: the demo cases are written straight to the tables (not through the
 * lifecycle), so their dashboard rows (case_facts) are built once here, at the end of the seed.
 */
export async function seedOutcomes(tx: Db, ctx: { jurisdictionIds: string[] }) {
  for (const id of ctx.jurisdictionIds) await rebuildCaseFacts(tx, id);
}
