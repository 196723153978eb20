/**
 * The authorization policy of every page, server action and route handler, in one table. It
 * drives the generated matrix (tests/e2e/authz-matrix.spec.ts: every row × every subject × every
 * target, over HTTP against the real server) and the coverage meta-test
 * (tests/unit/authz-policy.test.ts), which fails when a page.tsx, route.ts or exported server
 * action has no row here, or a row points at nothing.
 *
 * Subjects: the six roles (demo accounts of Jackson County), a signed-out visitor, and a user
 * whose account was disabled while signed in.
 * Targets (for routes that take a record id): the demo fixture records
 *   own                the demo participant's case, on the demo volunteer's board (Northeast)
 *   sameBoard          another case on that same board
 *   otherBoard         the second demo participant's case, on another Jackson board
 *   otherJurisdiction  a Platte County case
 *   unknown            a random id that matches nothing
 * Expectations: 'allow' (200, or the action ran), 'notFound' (404 / the not-found answer — out of
 * scope is never "forbidden"), 'signIn' (sent to sign in / "your session has ended").
 *
 * To add a feature: add its rows (a probe for actions — an input that proves authorization
 * passed without changing anything, e.g. a stale version) and run the matrix.
 */
import type { Role } from '@/db/schema/users';

export const ROLES = ['coordinator', 'prosecutor', 'volunteer', 'participant', 'provider', 'admin'] as const satisfies readonly Role[];
export type Subject = Role | 'signedOut' | 'disabled';
export const SUBJECTS: readonly Subject[] = [...ROLES, 'signedOut', 'disabled'];
export const TARGETS = ['own', 'sameBoard', 'otherBoard', 'otherJurisdiction', 'unknown'] as const;
export type Target = (typeof TARGETS)[number];
export type Expectation = 'allow' | 'notFound' | 'signIn';

/** Who may use a route: 'public' (anyone), 'anySignedIn', or roles, each with the targets in its scope. */
export type Access = 'public' | 'anySignedIn' | Partial<Record<Role, readonly Target[] | 'all'>>;

type Common = { file: string; access: Access; why: string };
/** `param`: the record id in the path; the matrix then tries every target in `targets` (default: all). */
export type PageRow = Common & { kind: 'page'; path: string; param?: 'caseId' | 'userId'; targets?: readonly Target[]; allowedAnswer?: 'ok' | 'redirect' };
export type RouteRow = Common & { kind: 'route'; path: string; methods: readonly string[] };
/** How the matrix calls an action; null = not called (with the reason in `why`). */
export type ActionProbe = { postTo: string; targets?: readonly Target[]; fields: (ids: FixtureIds, target: Target) => Record<string, string> } | null;
export type ActionRow = Common & { kind: 'action'; exportName: string; probe: ActionProbe };
export type PolicyRow = PageRow | RouteRow | ActionRow;

/** Record ids found in the running demo. users.self is the acting subject's own account id. */
export type FixtureIds = { cases: Record<Target, string>; users: { self: string; other: string; unknown: string } };

const STAFF = { coordinator: ['own', 'sameBoard', 'otherBoard'], prosecutor: ['own', 'sameBoard', 'otherBoard'] } as const;

export const policy: readonly PolicyRow[] = [
  // ── Public and sign-in ─────────────────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/page.tsx', path: '/', access: 'public', allowedAnswer: 'redirect', why: 'Sends each visitor to their home or to sign in.' },
  { kind: 'page', file: 'app/(auth)/sign-in/page.tsx', path: '/sign-in', access: 'public', why: 'Sign-in form.' },
  { kind: 'page', file: 'app/(auth)/sign-in/verify/page.tsx', path: '/sign-in/verify', access: 'public', why: 'Second step; useful only with a valid hand-over cookie.' },
  { kind: 'page', file: 'app/(auth)/sign-in/enroll/page.tsx', path: '/sign-in/enroll', access: 'public', why: 'First-time two-step set-up; only with a valid hand-over cookie.' },
  { kind: 'page', file: 'app/(auth)/sign-out/page.tsx', path: '/sign-out', access: 'public', why: 'Sign-out confirmation.' },
  { kind: 'action', file: 'app/(auth)/actions.ts', exportName: 'signInAction', access: 'public', probe: null, why: 'Public by nature; lockout, timing and 429 are covered by tests/e2e/security.spec.ts.' },
  { kind: 'action', file: 'app/(auth)/actions.ts', exportName: 'verifyCodeAction', access: 'public', probe: null, why: 'Needs the signed hand-over cookie; covered by security.spec.ts and unit tests of the token.' },
  { kind: 'action', file: 'app/(auth)/actions.ts', exportName: 'enrollAtSignInAction', access: 'public', probe: null, why: 'Needs the signed hand-over cookie; covered by account-security.test.ts.' },
  { kind: 'action', file: 'app/(auth)/actions.ts', exportName: 'signOutAction', access: 'public', probe: null, why: 'Ends the caller’s own session only; covered by sign-in.spec.ts.' },
  { kind: 'action', file: 'app/(auth)/actions.ts', exportName: 'setLocaleAction', access: 'public', probe: null, why: 'Sets a language cookie; no data.' },
  { kind: 'route', file: 'app/api/health/route.ts', path: '/api/health', methods: ['GET'], access: 'public', why: 'Liveness; says only "ok" and the engine.' },
  { kind: 'route', file: 'app/api/session/route.ts', path: '/api/session', methods: ['GET'], access: 'public', why: 'The caller’s own session end times, or signedIn:false.' },

  // ── Staff (coordinator, prosecutor) ───────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(staff)/cases/page.tsx', path: '/cases', access: { coordinator: 'all', prosecutor: 'all' }, why: 'Case list of the jurisdiction.' },
  { kind: 'page', file: 'app/(staff)/cases/[caseId]/page.tsx', path: '/cases/[caseId]', param: 'caseId', access: STAFF, why: 'One case; any case of their jurisdiction.' },
  { kind: 'page', file: 'app/(staff)/boards/page.tsx', path: '/boards', access: { coordinator: 'all', prosecutor: 'all' }, why: 'Boards of the jurisdiction.' },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/actions.ts',
    exportName: 'transitionCaseAction',
    access: STAFF,
    // A stale version: authorized callers are told to reload; nothing changes.
    probe: { postTo: '/cases/[caseId]', targets: ['own', 'otherBoard', 'otherJurisdiction', 'unknown'], fields: (ids, target) => ({ caseId: ids.cases[target], to: 'returned', reason: 'withdrawn', version: '999999' }) },
    why: 'Status changes by staff of the case’s jurisdiction.',
  },

  // ── Board volunteers ─────────────────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(board)/board/page.tsx', path: '/board', access: { volunteer: 'all' }, why: 'Cases of the boards they serve on.' },
  { kind: 'page', file: 'app/(board)/board/cases/[caseId]/page.tsx', path: '/board/cases/[caseId]', param: 'caseId', access: { volunteer: ['own', 'sameBoard'] }, why: 'Only cases on their own boards.' },

  // ── Participant, provider ────────────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(participant)/portal/page.tsx', path: '/portal', access: { participant: 'all' }, why: 'Their own case only.' },
  { kind: 'page', file: 'app/(provider)/provider/page.tsx', path: '/provider', access: { provider: 'all' }, why: 'Referrals to their organisation.' },

  // ── Own account (every role) ──────────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(account)/account/page.tsx', path: '/account', access: 'anySignedIn', why: 'Own password, second factor, sessions.' },
  { kind: 'page', file: 'app/(account)/account/password/page.tsx', path: '/account/password', access: 'anySignedIn', why: 'Change own password.' },
  { kind: 'page', file: 'app/(account)/account/two-factor/page.tsx', path: '/account/two-factor', access: 'anySignedIn', why: 'Own second factor.' },
  { kind: 'action', file: 'app/(account)/account/actions.ts', exportName: 'changePasswordAction', access: 'anySignedIn', probe: { postTo: '/account/password', fields: () => ({ currentPassword: '', newPassword: '', confirmPassword: '' }) }, why: 'Own password (empty fields: refused before any check).' },
  { kind: 'action', file: 'app/(account)/account/actions.ts', exportName: 'signOutEverywhereAction', access: 'anySignedIn', probe: null, why: 'Ends the caller’s own sessions; covered by security.spec.ts.' },
  { kind: 'action', file: 'app/(account)/account/actions.ts', exportName: 'confirmTotpAction', access: 'anySignedIn', probe: { postTo: '/account/two-factor', fields: () => ({ code: '000000' }) }, why: 'Own authenticator (a wrong code changes nothing).' },
  { kind: 'action', file: 'app/(account)/account/actions.ts', exportName: 'regenerateRecoveryCodesAction', access: 'anySignedIn', probe: null, why: 'Replaces the caller’s own codes; covered by account-security.test.ts.' },
  { kind: 'action', file: 'app/(account)/account/actions.ts', exportName: 'staySignedInAction', access: 'anySignedIn', probe: { postTo: '/account', fields: () => ({}) }, why: 'Touches the caller’s own session.' },

  // ── Admin ────────────────────────────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(admin)/admin/page.tsx', path: '/admin', access: { admin: 'all' }, why: 'Accounts of the jurisdiction.' },
  { kind: 'page', file: 'app/(admin)/admin/audit/page.tsx', path: '/admin/audit', access: { admin: 'all' }, why: 'Audit log search.' },
  { kind: 'page', file: 'app/(admin)/admin/users/[userId]/page.tsx', path: '/admin/users/[userId]', param: 'userId', targets: ['own', 'unknown'], access: { admin: ['own'] }, why: 'One account of the jurisdiction (own = a Jackson account; unknown = any other id).' },
  { kind: 'route', file: 'app/(admin)/admin/audit/export/route.ts', path: '/admin/audit/export', methods: ['GET'], access: { admin: 'all' }, why: 'Audit CSV export (itself audited).' },
  { kind: 'action', file: 'app/(admin)/admin/actions.ts', exportName: 'setUserActiveAction', access: { admin: 'all' }, probe: { postTo: '/admin', fields: (ids) => ({ userId: ids.users.self, active: 'false' }) }, why: 'Disable/enable (own account: refused, nothing changes).' },
  { kind: 'action', file: 'app/(admin)/admin/actions.ts', exportName: 'toggleUserActiveFormAction', access: { admin: 'all' }, probe: null, why: 'No-JavaScript wrapper of setUserActiveAction (probed above); returns nothing to inspect.' },
  { kind: 'action', file: 'app/(admin)/admin/actions.ts', exportName: 'setUserRoleAction', access: { admin: 'all' }, probe: { postTo: '/admin', fields: (ids) => ({ userId: ids.users.other, role: 'volunteer', version: '999999' }) }, why: 'Role change (stale version: nothing changes).' },
  { kind: 'action', file: 'app/(admin)/admin/actions.ts', exportName: 'resetPasswordAction', access: { admin: 'all' }, probe: { postTo: '/admin', fields: (ids) => ({ userId: ids.users.self }) }, why: 'Password reset (own account: refused).' },
  { kind: 'action', file: 'app/(admin)/admin/actions.ts', exportName: 'resetTwoFactorAction', access: { admin: 'all' }, probe: { postTo: '/admin', fields: (ids) => ({ userId: ids.users.self }) }, why: 'Second-factor reset (own account: refused).' },
  { kind: 'action', file: 'app/(admin)/admin/actions.ts', exportName: 'endSessionsAction', access: { admin: 'all' }, probe: { postTo: '/admin', fields: (ids) => ({ userId: ids.users.self }) }, why: 'End another account’s sessions (own account: refused).' },
  // ── Outcomes dashboard ───────────────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(staff)/dashboard/page.tsx', path: '/dashboard', access: { coordinator: 'all', prosecutor: 'all' }, why: 'Outcomes dashboard of the jurisdiction: counts only, small cells suppressed.' },
  { kind: 'route', file: 'app/(staff)/dashboard/export/route.ts', path: '/dashboard/export', methods: ['GET'], access: { coordinator: 'all', prosecutor: 'all' }, why: 'CSV of one dashboard table (?table=, default summary; audited; counts only, never treatment data).' },
  { kind: 'page', file: 'app/(staff)/returned/page.tsx', path: '/returned', access: { prosecutor: 'all' }, why: 'Prosecutor queue of unsuccessful and withdrawn cases awaiting the final action.' },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/outcome-actions.ts',
    exportName: 'closeCaseAction',
    access: { coordinator: ['own', 'otherBoard'] },
    // A stale version: authorized callers are told to reload; nothing changes.
    probe: { postTo: '/cases/[caseId]', targets: ['own', 'otherBoard', 'otherJurisdiction', 'unknown'], fields: (ids, target) => ({ caseId: ids.cases[target], outcome: 'withdrawn', summary: 'Authorization probe, stale version.', version: '999999' }) },
    why: 'Coordinators close cases of their jurisdiction.',
  },
  {
    kind: 'action',
    file: 'app/(staff)/returned/actions.ts',
    exportName: 'recordFinalActionAction',
    access: { prosecutor: 'all' },
    probe: null,
    why: 'Prosecutors record the final action on a returned case; scope and stale versions covered by tests/integration/case-closures.test.ts (the demo has no returned case with a closure to probe).',
  },
];

/** What `subject` should get from `row` for `target` (use 'own' for routes without a record id). */
export function expectationFor(row: PolicyRow, subject: Subject, target: Target = 'own'): Expectation {
  if (row.access === 'public') return 'allow';
  if (subject === 'signedOut' || subject === 'disabled') return 'signIn';
  if (row.access === 'anySignedIn') return 'allow';
  const allowed = row.access[subject];
  if (!allowed) return 'notFound';
  if (allowed === 'all') return 'allow';
  return allowed.includes(target) ? 'allow' : 'notFound';
}
