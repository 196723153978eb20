import { chargeCodes, screeningPolicies } from '@/db/schema';
import { chargeTable } from '@/db/seed-data/demo-people';
import type { Db } from '@/db/types';
import { defaultCriteria } from '@/lib/domain/eligibility';
import { referralExample, type ReferralInput } from '@/lib/intake/referral-schema';
import { actorOf, defaultSettings, makeBoard, makeJurisdiction, makeUser } from './factories';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}`.toUpperCase();

/**
 * A jurisdiction ready for intake: charge table, policy v1, a prosecutor, a coordinator, and a
 * board serving 64124 / 64127 (Northeast) plus a Spanish-speaking board.
 */
export async function makeIntakeJurisdiction(db: Db, o: { divertsCases?: boolean; capacity?: number; spanishBoard?: boolean } = {}) {
  const divertsCases = o.divertsCases ?? true;
  const j = await makeJurisdiction(db, { settings: { ...defaultSettings, divertsCases } });
  await db.insert(chargeCodes).values(chargeTable.map((c) => ({ ...c, jurisdictionId: j.id })));
  const [policy] = await db.insert(screeningPolicies).values({ jurisdictionId: j.id, version: 1, criteria: defaultCriteria(), divertsCases, note: 'v1' }).returning();
  const prosecutorUser = await makeUser(db, { jurisdictionId: j.id, role: 'prosecutor' });
  const coordinatorUser = await makeUser(db, { jurisdictionId: j.id, role: 'coordinator' });
  const northeast = await makeBoard(db, { jurisdictionId: j.id, name: 'Northeast', monthlyCapacity: o.capacity ?? 12, zips: ['64124', '64127'] });
  const westside = await makeBoard(db, { jurisdictionId: j.id, name: 'Westside', monthlyCapacity: o.capacity ?? 12, zips: ['64108'] });
  const espanol = o.spanishBoard === false ? null : await makeBoard(db, { jurisdictionId: j.id, name: 'Westside en Español', language: 'es', monthlyCapacity: 8 });
  return { j, policy, prosecutor: actorOf(prosecutorUser), coordinator: actorOf(coordinatorUser), boards: { northeast, westside, espanol } };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/** A possession-only referral in a Kansas City ZIP (64127), with overrides. */
export function referralInput(o: DeepPartial<ReferralInput> = {}): ReferralInput {
  return {
    ...referralExample,
    externalCaseNumber: `T-${uniq()}`,
    ...o,
    participant: { ...referralExample.participant, lastName: `Example${uniq()}`, ...o.participant },
    facts: { ...referralExample.facts, ...o.facts },
    charges: o.charges ?? [...referralExample.charges],
  } as ReferralInput;
}
