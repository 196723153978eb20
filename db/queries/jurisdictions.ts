import 'server-only';
import { eq } from 'drizzle-orm';
import { jurisdictions } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '../types';

/** The actor's own jurisdiction (the only one they can ever see). */
export async function getMyJurisdiction(db: Db, actor: Actor) {
  const [j] = await db.select().from(jurisdictions).where(eq(jurisdictions.id, actor.jurisdictionId)).limit(1);
  if (!j) throw new Error(`Jurisdiction ${actor.jurisdictionId} of user ${actor.userId} is missing`);
  return j;
}
