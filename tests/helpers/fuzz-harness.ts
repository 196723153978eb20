/**
 * Shared set-up of the fuzz suites: calls real server actions and route handlers in-process on a
 * test database copied from the demo seed. Next's request context is replaced by small stand-ins
 * (cookies and headers of one fake request, no-op cache revalidation, English messages) and the
 * session by a chosen demo account (`fuzzState.actor`); everything below — zod parsing,
 * permissions, the data layer, the database with its constraints — is the real code.
 * Use with the `vi.mock` calls in `mockNextRequest()` (vitest hoists them per file).
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { OpenDb } from '@/db/open';
import { caseAssignments, cases, hearings, jurisdictions, users } from '@/db/schema';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import type { FixtureIds, PolicyRow, Target } from '../authz/policy';
import { randomUUID } from 'node:crypto';

export type FuzzState = {
  actor: Actor | null;
  cookies: Map<string, string>;
  /** Options given to `defineAction`, by the action function it returned. */
  defined: WeakMap<object, { schema: unknown; permission: string }>;
};

const g = globalThis as unknown as { __cgFuzz?: FuzzState; __commonGroundDb?: { opening?: Promise<OpenDb> } };
export const fuzzState: FuzzState = (g.__cgFuzz ??= { actor: null, cookies: new Map(), defined: new WeakMap() });

/** Make `getDb()` (db/client.ts) answer with the test database. */
export function useTestDb(t: OpenDb) {
  const h = (g.__commonGroundDb ??= {});
  h.opening = Promise.resolve(t);
}

export const DEMO_EMAILS = {
  coordinator: 'coordinator@demo.test',
  prosecutor: 'prosecutor@demo.test',
  volunteer: 'volunteer@demo.test',
  participant: 'participant@demo.test',
  provider: 'provider@demo.test',
  admin: 'admin@demo.test',
} as const;

export async function demoActors(db: Db): Promise<Record<keyof typeof DEMO_EMAILS, Actor>> {
  const out = {} as Record<keyof typeof DEMO_EMAILS, Actor>;
  for (const [role, email] of Object.entries(DEMO_EMAILS) as [keyof typeof DEMO_EMAILS, string][]) {
    const [u] = await db.select().from(users).where(eq(users.email, email));
    out[role] = { userId: u.id, role: u.role, jurisdictionId: u.jurisdictionId, name: u.name, email: u.email, locale: u.locale, ip: '203.0.113.9' };
  }
  return out;
}

/** The authorization matrix's fixture records (tests/authz/policy.ts), found in the demo seed. */
export async function demoFixtureIds(db: Db, selfId: string): Promise<FixtureIds> {
  const byNumber = async (n: string) => (await db.select().from(cases).where(eq(cases.externalCaseNumber, n)))[0];
  const own = await byNumber('JC-2026-004100');
  const otherBoard = await byNumber('JC-2026-004101');
  const open = (caseId: string) => and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt));
  const [ownBoard] = await db.select({ boardId: caseAssignments.boardId }).from(caseAssignments).where(open(own.id));
  const [same] = await db
    .select({ id: caseAssignments.caseId })
    .from(caseAssignments)
    .where(and(eq(caseAssignments.boardId, ownBoard.boardId), isNull(caseAssignments.endedAt), ne(caseAssignments.caseId, own.id)))
    .limit(1);
  const [platte] = await db.select({ id: cases.id }).from(cases).innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId)).where(ne(cases.jurisdictionId, own.jurisdictionId)).limit(1);
  const [h] = await db.select({ id: hearings.id }).from(hearings).where(eq(hearings.caseId, own.id)).limit(1);
  const [vol] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAILS.volunteer));
  return {
    cases: { own: own.id, sameBoard: same.id, otherBoard: otherBoard.id, otherJurisdiction: platte.id, unknown: randomUUID() },
    users: { self: selfId, other: vol.id, unknown: randomUUID() },
    hearing: h?.id ?? randomUUID(),
  };
}

/** The role that exercises a row most deeply: the first role it allows (a signed-in volunteer for public rows). */
export function roleFor(row: PolicyRow): keyof typeof DEMO_EMAILS {
  if (typeof row.access === 'object') return Object.keys(row.access)[0] as keyof typeof DEMO_EMAILS;
  return 'volunteer';
}

/** The probe's harmless fields for its first target (what the matrix sends), or none. */
export function probeFields(row: PolicyRow, ids: FixtureIds): Record<string, string> {
  if (row.kind !== 'action' || !row.probe) return {};
  const target: Target = row.probe.targets?.[0] ?? 'own';
  return row.probe.fields(ids, target);
}

/** A Next.js redirect or not-found thrown by `redirect()` / `notFound()`. */
export function nextControlFlow(err: unknown): 'redirect' | 'notFound' | null {
  const digest = (err as { digest?: unknown })?.digest;
  if (typeof digest !== 'string') return null;
  if (digest.startsWith('NEXT_REDIRECT')) return 'redirect';
  if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404') || digest === 'NEXT_NOT_FOUND') return 'notFound';
  return null;
}
