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

/**
 * Who may use a route: 'public' (anyone), 'anySignedIn', roles (each with the targets in its
 * scope), or 'token': authenticated by a secret in the request (bearer token, feed URL, webhook
 * signature), never by the session — every subject, signed in or not, gets `withoutToken`.
 */
export type Access = 'public' | 'anySignedIn' | 'token' | Partial<Record<Role, readonly Target[] | 'all'>>;

type Common = { file: string; access: Access; why: string };
/** `param`: the record id in the path; the matrix then tries every target in `targets` (default: all). */
export type PageRow = Common & { kind: 'page'; path: string; param?: 'caseId' | 'userId' | 'hearingId'; targets?: readonly Target[]; allowedAnswer?: 'ok' | 'redirect' };
/**
 * The matrix GETs each route (with `param` filled in per target, like pages); `probe: false` =
 * not called (the reason in `why`); `withoutToken` = the answer to a caller without the secret
 * (access 'token' only).
 */
export type RouteRow = Common & { kind: 'route'; path: string; methods: readonly string[]; param?: 'caseId' | 'hearingId'; targets?: readonly Target[]; probe?: false; withoutToken?: Expectation };
/** How the matrix calls an action; null = not called (with the reason in `why`). */
export type ActionProbe = { postTo: string; targets?: readonly Target[]; fields: (ids: FixtureIds, target: Target) => Record<string, string> } | null;
export type ActionRow = Common & { kind: 'action'; exportName: string; probe: ActionProbe };
export type PolicyRow = PageRow | RouteRow | ActionRow;

/**
 * Record ids found in the running demo. users.self is the acting subject's own account id;
 * users.other the demo volunteer's; hearing a scheduled hearing of the 'own' case (for hearing
 * routes, 'own' is that hearing and every other target a random id).
 */
export type FixtureIds = { cases: Record<Target, string>; users: { self: string; other: string; unknown: string }; hearing: string };

/** The hearing id a hearing route uses for `target`. */
export const hearingFor = (ids: FixtureIds, target: Target) => (target === 'own' ? ids.hearing : ids.cases.unknown);

/** Every case of their jurisdiction (Jackson): not the Platte case, not an unknown id. */
const JACKSON = ['own', 'sameBoard', 'otherBoard'] as const;
const STAFF = { coordinator: JACKSON, prosecutor: JACKSON } as const;
/** The demo volunteer chairs the Northeast board, the board of the 'own' and 'sameBoard' cases. */
const CHAIR = ['own', 'sameBoard'] as const;
/** Probe targets for case-scoped actions: in scope, another board, another jurisdiction, unknown. */
const CASE_PROBE = ['own', 'otherBoard', 'otherJurisdiction', 'unknown'] as const;
/** Probe targets that could change a record when in scope: only out-of-scope ids are sent. */
const OUT_OF_SCOPE = ['otherJurisdiction', 'unknown'] as const;
const STALE = '999999';
const REASON = 'Authorization matrix probe';

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
  // ── Intake (issue 3): referrals, screening, offers, routing ─────────────────────────────────
  { kind: 'page', file: 'app/(staff)/referrals/new/page.tsx', path: '/referrals/new', access: { prosecutor: 'all' }, why: 'Referral form (case.refer).' },
  { kind: 'page', file: 'app/(staff)/referrals/import/page.tsx', path: '/referrals/import', access: { prosecutor: 'all' }, why: 'CSV referral import (case.refer).' },
  { kind: 'route', file: 'app/(staff)/referrals/import/template.csv/route.ts', path: '/referrals/import/template.csv', methods: ['GET'], access: { prosecutor: 'all' }, why: 'Blank CSV template with an invented example row; for the import page’s users.' },
  { kind: 'page', file: 'app/(staff)/screening/page.tsx', path: '/screening', access: { coordinator: 'all', prosecutor: 'all' }, why: 'Screening queue and overrides report of the jurisdiction (screening.review).' },
  { kind: 'page', file: 'app/(staff)/policy/page.tsx', path: '/policy', access: { coordinator: 'all' }, why: 'Screening policy versions (policy.manage).' },
  { kind: 'page', file: 'app/(staff)/routing/page.tsx', path: '/routing', access: { coordinator: 'all' }, why: 'Routing queue (routing.manage).' },
  { kind: 'action', file: 'app/(staff)/referrals/new/actions.ts', exportName: 'createReferralAction', access: { prosecutor: 'all' }, probe: { postTo: '/referrals/new', fields: () => ({}) }, why: 'New referral (empty form: field errors, nothing saved).' },
  { kind: 'action', file: 'app/(staff)/referrals/import/actions.ts', exportName: 'previewCsvAction', access: { prosecutor: 'all' }, probe: { postTo: '/referrals/import', fields: () => ({}) }, why: 'CSV check step (no file: asked to choose one).' },
  { kind: 'action', file: 'app/(staff)/referrals/import/actions.ts', exportName: 'importCsvAction', access: { prosecutor: 'all' }, probe: { postTo: '/referrals/import', fields: () => ({}) }, why: 'CSV import step (no file: nothing imported).' },
  { kind: 'action', file: 'app/(staff)/policy/actions.ts', exportName: 'createPolicyVersionAction', access: { coordinator: 'all' }, probe: { postTo: '/policy', fields: () => ({}) }, why: 'New screening policy version (empty form: field errors).' },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/intake-actions.ts',
    exportName: 'overrideScreeningAction',
    access: { prosecutor: JACKSON },
    probe: { postTo: '/cases/[caseId]', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], decision: 'eligible', reason: REASON, version: STALE }) },
    why: 'Screening override by a prosecutor of the case’s jurisdiction (stale version: nothing changes).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/intake-actions.ts',
    exportName: 'returnIneligibleAction',
    access: { prosecutor: JACKSON },
    probe: { postTo: '/cases/[caseId]', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], version: STALE }) },
    why: 'Return a screened-out case (stale version: nothing changes).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/intake-actions.ts',
    exportName: 'recordOfferAnswerAction',
    access: { coordinator: JACKSON, participant: ['own'] },
    probe: { postTo: '/cases/[caseId]', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], answer: 'accept', version: STALE }) },
    why: 'Offer answer: the coordinator on the participant’s behalf, or the participant on their own case (offer.respond; stale version).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/intake-actions.ts',
    exportName: 'assignBoardAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], boardId: ids.cases.unknown, reason: REASON, version: STALE }) },
    why: 'Choose or change the board (stale version: nothing changes).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/intake-actions.ts',
    exportName: 'routeAgainAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], version: STALE }) },
    why: 'Run the routing rules again (stale version: nothing changes).',
  },
  {
    kind: 'action',
    file: 'app/(participant)/portal/offer-actions.ts',
    exportName: 'answerOfferAction',
    access: { participant: ['own'], coordinator: JACKSON },
    probe: { postTo: '/portal', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], answer: 'accept', version: STALE }) },
    why: 'The participant answers the offer on their own case; offer.respond also lets a coordinator, as recordOfferAnswerAction (stale version).',
  },
  // ── Participant portal (issue 7): password-less sign-in, home, meetings, survey, help ───────
  { kind: 'page', file: 'app/(auth)/sign-in/code/page.tsx', path: '/sign-in/code', access: 'public', why: 'Sign in with a one-time code, an invitation link or a letter code.' },
  { kind: 'action', file: 'app/(auth)/code-actions.ts', exportName: 'requestCodeAction', access: 'public', probe: null, why: 'Public by nature (same answer for every contact); rate limits and audit in portal-sign-in.test.ts.' },
  { kind: 'action', file: 'app/(auth)/code-actions.ts', exportName: 'verifyOneTimeCodeAction', access: 'public', probe: null, why: 'Public by nature; expiry, single use and lockout in portal-sign-in.test.ts, the journey in participant-portal.spec.ts.' },
  { kind: 'action', file: 'app/(auth)/code-actions.ts', exportName: 'redeemTokenAction', access: 'public', probe: null, why: 'Public by nature (192-bit invitation / 60-bit letter tokens); covered by portal-sign-in.test.ts.' },
  { kind: 'page', file: 'app/(participant)/portal/availability/page.tsx', path: '/portal/availability', access: { participant: 'all' }, why: 'Their own attendance preferences.' },
  { kind: 'page', file: 'app/(participant)/portal/reschedule/[hearingId]/page.tsx', path: '/portal/reschedule/[hearingId]', param: 'hearingId', access: { participant: ['own'] }, why: 'Ask to move their own upcoming meeting only.' },
  { kind: 'page', file: 'app/(participant)/portal/survey/[hearingId]/page.tsx', path: '/portal/survey/[hearingId]', param: 'hearingId', access: { participant: [] }, why: 'Survey of their own HELD meeting only; the fixture hearing is still scheduled, so it is not found for everyone (the held case is in participant-portal.spec.ts).' },
  {
    kind: 'action',
    file: 'app/(participant)/portal/actions.ts',
    exportName: 'confirmAttendanceAction',
    access: { participant: ['own'] },
    probe: { postTo: '/portal', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ hearingId: hearingFor(ids, t) }) },
    why: 'Confirm their own meeting (only out-of-scope ids are sent: confirming changes the record).',
  },
  {
    kind: 'action',
    file: 'app/(participant)/portal/actions.ts',
    exportName: 'requestRescheduleAction',
    access: { participant: ['own'] },
    probe: { postTo: '/portal', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ hearingId: hearingFor(ids, t), reasons_work: 'on' }) },
    why: 'Ask to move their own meeting (only out-of-scope ids: a request opens a task).',
  },
  { kind: 'action', file: 'app/(participant)/portal/actions.ts', exportName: 'requestHelpAction', access: { participant: 'all' }, probe: { postTo: '/portal', fields: () => ({ message: '' }) }, why: 'Help request about their own newest case (empty message: refused, nothing sent).' },
  {
    kind: 'action',
    file: 'app/(participant)/portal/actions.ts',
    exportName: 'submitSurveyAction',
    access: { participant: ['own'] },
    probe: { postTo: '/portal', targets: ['own', 'unknown'], fields: (ids, t) => ({ hearingId: hearingFor(ids, t), respect: '5', neutrality: '5', voice: '5', understanding: '5', trust: '5' }) },
    why: 'Survey of their own meeting (own: still scheduled, refused by rule; unknown: not found).',
  },
  { kind: 'action', file: 'app/(participant)/portal/actions.ts', exportName: 'savePreferencesAction', access: { participant: 'all' }, probe: { postTo: '/portal/availability', fields: () => ({ version: STALE, inPersonOk: 'on' }) }, why: 'Their own attendance preferences (stale version: nothing changes).' },
  { kind: 'page', file: 'app/(staff)/cases/[caseId]/portal-access/page.tsx', path: '/cases/[caseId]/portal-access', param: 'caseId', access: { coordinator: JACKSON }, why: 'Invite a participant of the jurisdiction or print their sign-in letter.' },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/portal-access/actions.ts',
    exportName: 'sendInvitationAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]/portal-access', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ caseId: ids.cases[t] }) },
    why: 'Invitation to a participant of the jurisdiction (only out-of-scope ids: it sends messages).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/portal-access/actions.ts',
    exportName: 'printLetterCodeAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]/portal-access', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ caseId: ids.cases[t] }) },
    why: 'Letter code for a participant of the jurisdiction (only out-of-scope ids: it replaces their code).',
  },
  { kind: 'route', file: 'app/api/v1/openapi.json/route.ts', path: '/api/v1/openapi.json', methods: ['GET'], access: 'public', why: 'Static API description; integrators read it before they hold a token.' },
  { kind: 'route', file: 'app/api/v1/outcomes/route.ts', path: '/api/v1/outcomes', methods: ['GET'], access: 'token', withoutToken: 'signIn', why: 'Bearer-token API: a session cookie is no credential (401); token scopes in api-v1.test.ts.' },
  { kind: 'route', file: 'app/api/v1/referrals/route.ts', path: '/api/v1/referrals', methods: ['POST'], access: 'token', why: 'Bearer-token API (no cookies, so no origin check); covered by api-v1.test.ts.' },
  { kind: 'route', file: 'app/api/v1/cases/[id]/route.ts', path: '/api/v1/cases/[id]', methods: ['GET'], param: 'caseId', targets: ['own', 'otherJurisdiction'], access: 'token', withoutToken: 'signIn', why: 'Bearer-token API: a session cookie is no credential (401), even for a case in the subject’s scope.' },

  // ── Scheduling (issue 4): volunteers, availability, venues, hearings, calendars ─────────────
  { kind: 'page', file: 'app/(staff)/schedule/page.tsx', path: '/schedule', access: { coordinator: 'all' }, why: 'Jurisdiction hearing schedule and follow-up tasks.' },
  { kind: 'page', file: 'app/(staff)/venues/page.tsx', path: '/venues', access: { coordinator: 'all' }, why: 'Venues of the jurisdiction (venue.manage).' },
  { kind: 'page', file: 'app/(staff)/volunteers/page.tsx', path: '/volunteers', access: { coordinator: 'all' }, why: 'Volunteer roster of the jurisdiction.' },
  { kind: 'page', file: 'app/(staff)/volunteers/[userId]/page.tsx', path: '/volunteers/[userId]', param: 'userId', targets: ['own', 'unknown'], access: { coordinator: ['own'] }, why: 'One volunteer’s readiness (own = the demo volunteer; unknown = any other id).' },
  { kind: 'page', file: 'app/(staff)/cases/[caseId]/schedule/page.tsx', path: '/cases/[caseId]/schedule', param: 'caseId', access: { coordinator: JACKSON }, why: 'Slot finder and booking for any case of the jurisdiction.' },
  { kind: 'page', file: 'app/(staff)/hearings/[hearingId]/page.tsx', path: '/hearings/[hearingId]', param: 'hearingId', targets: ['own', 'unknown'], access: { coordinator: ['own'] }, why: 'Run sheet of a hearing of the jurisdiction.' },
  { kind: 'page', file: 'app/(board)/board/availability/page.tsx', path: '/board/availability', access: { volunteer: 'all' }, why: 'Own weekly availability and time off.' },
  { kind: 'page', file: 'app/(board)/board/hearings/page.tsx', path: '/board/hearings', access: { volunteer: 'all' }, why: 'Own hearings and calendar feed.' },
  { kind: 'page', file: 'app/(board)/board/hearings/[hearingId]/page.tsx', path: '/board/hearings/[hearingId]', param: 'hearingId', targets: ['own', 'unknown'], access: { volunteer: ['own'] }, why: 'Run sheet, for a volunteer who sits on the hearing or chairs its board.' },
  { kind: 'page', file: 'app/(board)/board/cases/[caseId]/schedule/page.tsx', path: '/board/cases/[caseId]/schedule', param: 'caseId', access: { volunteer: CHAIR }, why: 'Booking by the chair of the case’s board only.' },
  { kind: 'route', file: 'app/api/calendar/hearings/[hearingId]/route.ts', path: '/api/calendar/hearings/[hearingId]', methods: ['GET'], param: 'hearingId', targets: ['own', 'unknown'], access: { coordinator: ['own'], volunteer: ['own'], participant: ['own'] }, why: 'One hearing as .ics, for whoever can see it (staff of the jurisdiction, its panel or chair, its participant).' },
  { kind: 'route', file: 'app/api/calendar/feed/[token]/route.ts', path: '/api/calendar/feed/[token]', methods: ['GET'], access: 'token', withoutToken: 'notFound', why: 'Private calendar feed: the secret in the URL is the credential; a wrong or revoked one is 404 whoever asks.' },
  { kind: 'action', file: 'app/(staff)/schedule/actions.ts', exportName: 'completeTaskAction', access: { coordinator: 'all' }, probe: { postTo: '/schedule', fields: () => ({}) }, why: 'Close a follow-up task (task scoped by case in the data layer; empty form: field errors).' },
  { kind: 'action', file: 'app/(staff)/venues/actions.ts', exportName: 'createVenueAction', access: { coordinator: 'all' }, probe: { postTo: '/venues', fields: () => ({}) }, why: 'New venue in the own jurisdiction (empty form: field errors).' },
  { kind: 'action', file: 'app/(staff)/venues/actions.ts', exportName: 'setVenueActiveAction', access: { coordinator: 'all' }, probe: { postTo: '/venues', fields: () => ({}) }, why: 'Retire/restore a venue of the jurisdiction (empty form: field errors).' },
  { kind: 'action', file: 'app/(staff)/volunteers/actions.ts', exportName: 'importVolunteersAction', access: { coordinator: 'all' }, probe: { postTo: '/volunteers', fields: () => ({ csv: '' }) }, why: 'Volunteer CSV import (empty: field error).' },
  { kind: 'action', file: 'app/(staff)/volunteers/actions.ts', exportName: 'saveVolunteerProfileAction', access: { coordinator: 'all' }, probe: { postTo: '/volunteers', fields: () => ({}) }, why: 'Volunteer readiness of the jurisdiction (empty form: field errors).' },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/schedule/actions.ts',
    exportName: 'bookHearingAction',
    access: { coordinator: JACKSON, volunteer: CHAIR },
    probe: { postTo: '/cases/[caseId]/schedule', fields: (ids) => ({ caseId: ids.cases.own, proposal: 'not-a-proposal' }) },
    why: 'Book a hearing: coordinators, or the chair of the case’s board (a malformed proposal: nothing booked; scope in hearings.test.ts).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/schedule/actions.ts',
    exportName: 'rescheduleHearingAction',
    access: { coordinator: JACKSON, volunteer: CHAIR },
    probe: { postTo: '/cases/[caseId]/schedule', fields: (ids) => ({ caseId: ids.cases.own, hearingId: ids.hearing, proposal: 'not-a-proposal', reason: REASON, version: STALE }) },
    why: 'Move a hearing (malformed proposal: nothing moves; scope in hearings.test.ts).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/schedule/actions.ts',
    exportName: 'savePreferencesAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]/schedule', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], version: STALE, inPersonOk: 'on' }) },
    why: 'The participant’s hearing preferences (stale version: nothing changes).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/schedule/actions.ts',
    exportName: 'reviewConflictAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]/schedule', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ caseId: ids.cases[t], userId: ids.users.other, kind: 'same_address', decision: 'dismissed' }) },
    why: 'Review a detected conflict of interest (only out-of-scope cases probed: in scope it would record a review).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/hearings/[hearingId]/actions.ts',
    exportName: 'recordDispositionAction',
    access: { coordinator: ['own'], volunteer: ['own'] },
    probe: { postTo: '/hearings/[hearingId]', targets: ['own', 'unknown'], fields: (ids, t) => ({ hearingId: hearingFor(ids, t), disposition: 'postponed', version: STALE }) },
    why: 'Record the outcome: coordinators, or the chair of the hearing’s board (stale version).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/hearings/[hearingId]/actions.ts',
    exportName: 'cancelHearingAction',
    access: { coordinator: ['own'], volunteer: ['own'] },
    probe: { postTo: '/hearings/[hearingId]', targets: ['own', 'unknown'], fields: (ids, t) => ({ hearingId: hearingFor(ids, t), reason: REASON, version: STALE }) },
    why: 'Cancel a hearing: coordinators, or the chair (stale version).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/hearings/[hearingId]/actions.ts',
    exportName: 'saveRunSheetAction',
    access: { coordinator: ['own'], volunteer: ['own'] },
    probe: { postTo: '/hearings/[hearingId]', targets: ['own', 'unknown'], fields: (ids, t) => ({ hearingId: hearingFor(ids, t), version: STALE }) },
    why: 'Agenda, notes and attendance: coordinators, or the chair (stale version).',
  },
  { kind: 'action', file: 'app/(board)/board/availability/actions.ts', exportName: 'setWeeklyAvailabilityAction', access: { volunteer: 'all' }, probe: { postTo: '/board/availability', fields: () => ({ d0_0_start: 'x', d0_0_end: 'y' }) }, why: 'Own weekly windows only (bad times: field errors, nothing saved).' },
  { kind: 'action', file: 'app/(board)/board/availability/actions.ts', exportName: 'addExceptionAction', access: { volunteer: 'all' }, probe: { postTo: '/board/availability', fields: () => ({}) }, why: 'Own time off only (empty form: field errors).' },
  { kind: 'action', file: 'app/(board)/board/availability/actions.ts', exportName: 'removeExceptionAction', access: { volunteer: 'all' }, probe: { postTo: '/board/availability', fields: () => ({ id: 'not-an-id' }) }, why: 'Own time off only (the data layer matches the caller’s user id; a malformed id: nothing removed).' },
  {
    kind: 'action',
    file: 'app/(board)/board/availability/actions.ts',
    exportName: 'declareConflictAction',
    access: { volunteer: CHAIR, coordinator: JACKSON },
    probe: { postTo: '/board/cases/[caseId]', fields: (ids) => ({ caseId: ids.cases.own, kind: '' }) },
    why: 'A volunteer declares a conflict on a case of their boards, or a coordinator for them (no kind: field error; scope in volunteers.test.ts).',
  },
  { kind: 'action', file: 'app/(board)/board/hearings/actions.ts', exportName: 'calendarFeedAction', access: { volunteer: 'all', participant: 'all', coordinator: 'all' }, probe: { postTo: '/board/hearings', fields: () => ({ op: '' }) }, why: 'Own calendar feed (no op: field error).' },

  // ── Notices (issue 5) ─────────────────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(staff)/notices/page.tsx', path: '/notices', access: { coordinator: 'all' }, why: 'Notices about the jurisdiction’s cases (notice.read).' },
  { kind: 'page', file: 'app/(admin)/admin/outbox/page.tsx', path: '/admin/outbox', access: { admin: 'all' }, why: 'Outbox of the jurisdiction, as rendered (notice.outbox).' },
  {
    kind: 'route',
    file: 'app/api/sms/inbound/route.ts',
    path: '/api/sms/inbound',
    methods: ['POST'],
    access: 'token',
    why: 'SMS provider webhook: the request signature (SMS_AUTH_TOKEN) is the credential, so it is exempt from the origin check (the provider sends no Origin); notify-rules.test.ts.',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/notify-actions.ts',
    exportName: 'updateParticipantContactAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], phone: '', email: 'probe@example.org', version: STALE }) },
    why: 'Fix the participant’s phone or email (stale version: nothing changes).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/notify-actions.ts',
    exportName: 'setContactPreferenceAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ caseId: ids.cases[t], personKind: 'participant', personId: ids.cases.unknown, version: '1' }) },
    why: 'Channel choices of the case’s participant or support contacts (only out-of-scope cases probed).',
  },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/notify-actions.ts',
    exportName: 'addSupportContactAction',
    access: { coordinator: JACKSON },
    probe: { postTo: '/cases/[caseId]', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ caseId: ids.cases[t], name: 'Matrix Probe', relationship: 'probe', phone: '', email: 'probe@example.org' }) },
    why: 'Add a support contact (only out-of-scope cases probed: in scope it would add one).',
  },
  { kind: 'action', file: 'app/(staff)/cases/[caseId]/notify-actions.ts', exportName: 'endSupportContactFormAction', access: { coordinator: JACKSON }, probe: null, why: 'No-JavaScript form wrapper (contact.manage, case scope in the data layer); returns nothing to inspect; notify-views.test.ts.' },
  { kind: 'action', file: 'app/(staff)/cases/[caseId]/notify-actions.ts', exportName: 'retryNoticeFormAction', access: { coordinator: JACKSON }, probe: null, why: 'No-JavaScript form wrapper (contact.manage, case scope in the data layer); returns nothing to inspect; notify-views.test.ts.' },

  // ── Integration API tokens, bench ─────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(admin)/admin/api-tokens/page.tsx', path: '/admin/api-tokens', access: { admin: 'all' }, why: 'Integration-API tokens of the jurisdiction.' },
  { kind: 'action', file: 'app/(admin)/admin/api-tokens/actions.ts', exportName: 'createApiTokenAction', access: { admin: 'all' }, probe: { postTo: '/admin/api-tokens', fields: () => ({}) }, why: 'New API token (empty form: field errors).' },
  { kind: 'action', file: 'app/(admin)/admin/api-tokens/actions.ts', exportName: 'revokeApiTokenAction', access: { admin: 'all' }, probe: { postTo: '/admin/api-tokens', fields: () => ({}) }, why: 'Revoke a token of the jurisdiction (no id: field error).' },
  { kind: 'action', file: 'app/(admin)/admin/api-tokens/actions.ts', exportName: 'revokeApiTokenFormAction', access: { admin: 'all' }, probe: null, why: 'No-JavaScript wrapper of revokeApiTokenAction (probed above); returns nothing to inspect.' },
  { kind: 'page', file: 'app/bench/floor/page.tsx', path: '/bench/floor', access: {}, why: 'Benchmark only: 404 unless the server runs with BENCH_MODE=1 (never in the matrix); signed out, sent to sign in like every portal page.' },
  { kind: 'route', file: 'app/api/bench/[measure]/route.ts', path: '/api/bench/[measure]', methods: ['GET', 'POST'], access: 'anySignedIn', probe: false, why: 'Benchmark baseline: 404 unless the server runs with BENCH_MODE=1 (never in the matrix); then the caller’s own scope via the data layer, or the integration-API token for the api-* measures.' },
  // ── Outcomes dashboard ───────────────────────────────────────────────────────────────────
  { kind: 'page', file: 'app/(staff)/dashboard/page.tsx', path: '/dashboard', access: { coordinator: 'all', prosecutor: 'all' }, why: 'Outcomes dashboard of the jurisdiction: counts only, small cells suppressed.' },
  { kind: 'route', file: 'app/(staff)/dashboard/export/route.ts', path: '/dashboard/export', methods: ['GET'], access: { coordinator: 'all', prosecutor: 'all' }, why: 'CSV of one dashboard table (?table=, default summary; audited; counts only, never treatment data).' },
  { kind: 'route', file: 'app/(participant)/portal/documents/[caseId]/[document]/route.ts', path: '/portal/documents/[caseId]/[document]', methods: ['GET'], param: 'caseId', access: { participant: ['own'], coordinator: JACKSON, prosecutor: JACKSON }, probe: false, why: 'Certificate of completion / record letter PDF of a closed case (the demo fixture case is open, so always 404 here); scope on both engines in tests/integration/case-documents.test.ts, the download in tests/e2e/outcomes.spec.ts.' },
  { kind: 'route', file: 'app/(staff)/cases/[caseId]/documents/[document]/route.ts', path: '/cases/[caseId]/documents/[document]', methods: ['GET'], param: 'caseId', access: { coordinator: JACKSON, prosecutor: JACKSON, participant: ['own'] }, probe: false, why: 'The same PDFs from the staff case page; scope in tests/integration/case-documents.test.ts.' },
  { kind: 'page', file: 'app/(staff)/returned/page.tsx', path: '/returned', access: { prosecutor: 'all' }, why: 'Prosecutor queue of unsuccessful and withdrawn cases awaiting the final action.' },
  // ── Agreements (issue 6, points 1–3): builder, signing, progress, proof files ───────────────
  { kind: 'page', file: 'app/(participant)/portal/obligations/page.tsx', path: '/portal/obligations', access: { participant: 'all' }, why: 'Their own agreement: sign, obligations, log progress with proof.' },
  {
    kind: 'route',
    file: 'app/api/cases/[caseId]/agreement-pdf/route.ts',
    path: '/api/cases/[caseId]/agreement-pdf',
    methods: ['GET'],
    param: 'caseId',
    targets: ['own', 'otherBoard', 'otherJurisdiction', 'unknown'],
    // Only the otherBoard demo case (participant2, in progress) has a signed agreement; the own case's hearing is still ahead (404 for everyone).
    access: { coordinator: ['otherBoard'] },
    why: 'Signed agreement PDF, for those who may see the case (coordinator, board volunteers, the participant); prosecutors never see agreements.',
  },
  { kind: 'route', file: 'app/api/proof/[fileId]/route.ts', path: '/api/proof/[fileId]', methods: ['GET'], probe: false, access: { coordinator: JACKSON, volunteer: CHAIR, participant: ['own'] }, why: 'Proof files by file id (not a case id): scope per role, 404 out of scope and safe headers are covered by tests/integration/agreements.test.ts and tests/e2e/agreements.spec.ts.' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'createDraftAction', access: { coordinator: JACKSON, volunteer: CHAIR }, probe: { postTo: '/board/cases/[caseId]', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ caseId: ids.cases[t] }) }, why: 'Start an agreement on a case in scope (only out-of-scope ids are sent).' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'amendAgreementAction', access: { coordinator: JACKSON, volunteer: CHAIR }, probe: { postTo: '/board/cases/[caseId]', targets: OUT_OF_SCOPE, fields: (ids, t) => ({ caseId: ids.cases[t], reason: REASON }) }, why: 'Start an amendment (only out-of-scope ids are sent).' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'addItemAction', access: { coordinator: ['own'], volunteer: ['own'] }, probe: { postTo: '/board/cases/[caseId]', targets: ['unknown'], fields: (ids) => ({ agreementId: ids.cases.unknown, version: STALE, kind: 'custom', title: 'Probe', targetQuantity: '1', dueOn: '2026-12-01', verification: 'Probe' }) }, why: 'Edit a draft (agreement ids are not fixtures: an unknown id, not found for everyone; scope in agreements.test.ts).' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'removeItemAction', access: { coordinator: ['own'], volunteer: ['own'] }, probe: { postTo: '/board/cases/[caseId]', targets: ['unknown'], fields: (ids) => ({ agreementId: ids.cases.unknown, version: STALE, itemId: ids.cases.unknown }) }, why: 'Edit a draft (unknown id: not found for everyone).' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'approveAgreementAction', access: { coordinator: ['own'] }, probe: { postTo: '/board/cases/[caseId]', targets: ['unknown'], fields: (ids) => ({ agreementId: ids.cases.unknown, version: STALE, note: REASON }) }, why: 'Coordinator approval over the guardrails (unknown id).' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'signAgreementAction', access: { coordinator: ['own'], volunteer: ['own'], participant: ['own'] }, probe: { postTo: '/board/cases/[caseId]', targets: ['unknown'], fields: (ids) => ({ agreementId: ids.cases.unknown, version: STALE, signerRole: 'participant', typedName: 'Probe Person', confirm: 'on' }) }, why: 'Signatures (who may sign which role: agreements.test.ts; unknown id).' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'saveTemplateAction', access: { coordinator: ['own'], volunteer: ['own'] }, probe: { postTo: '/board/cases/[caseId]', targets: ['unknown'], fields: (ids) => ({ agreementId: ids.cases.unknown, name: 'Probe' }) }, why: 'Board templates (unknown id).' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'reviewProgressAction', access: { coordinator: ['own'], volunteer: ['own'] }, probe: { postTo: '/board/cases/[caseId]', targets: ['unknown'], fields: (ids) => ({ entryId: ids.cases.unknown, version: STALE, decision: 'verified' }) }, why: 'Verify or reject progress (unknown id).' },
  { kind: 'action', file: 'app/(board)/board/cases/[caseId]/agreement-actions.ts', exportName: 'logProgressAction', access: { coordinator: ['own'], volunteer: ['own'], participant: ['own'] }, probe: { postTo: '/portal/obligations', targets: ['unknown'], fields: (ids) => ({ itemId: ids.cases.unknown, occurredOn: '2026-01-05', quantity: '1', place: 'Probe' }) }, why: 'Log progress with proof (unknown obligation id).' },
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
  // ── Treatment providers, referrals and the 42 CFR Part 2 consent ledger (issue 6) ───────────
  { kind: 'page', file: 'app/(staff)/providers/page.tsx', path: '/providers', access: { coordinator: 'all' }, why: 'Treatment provider directory of the jurisdiction and liaison links (provider.manage).' },
  { kind: 'page', file: 'app/(participant)/portal/treatment/page.tsx', path: '/portal/treatment', access: { participant: 'all' }, why: 'Their own referrals in full, their consents and the accounting of disclosures (treatment.readOwn).' },
  { kind: 'page', file: 'app/(admin)/admin/disclosures/page.tsx', path: '/admin/disclosures', access: { admin: 'all' }, why: 'Accounting of treatment disclosures of the jurisdiction (disclosure.read); never exported.' },
  { kind: 'action', file: 'app/(staff)/providers/actions.ts', exportName: 'createProviderAction', access: { coordinator: 'all' }, probe: { postTo: '/providers', fields: () => ({}) }, why: 'New directory entry in the own jurisdiction (empty form: field errors).' },
  { kind: 'action', file: 'app/(staff)/providers/actions.ts', exportName: 'setProviderStatusAction', access: { coordinator: 'all' }, probe: { postTo: '/providers', fields: () => ({}) }, why: 'Retire/restore a provider or mark it full (empty form: field errors).' },
  { kind: 'action', file: 'app/(staff)/providers/actions.ts', exportName: 'linkLiaisonAction', access: { coordinator: 'all' }, probe: { postTo: '/providers', fields: () => ({}) }, why: 'Link a provider-role account of the jurisdiction to a provider (empty form: field errors).' },
  {
    kind: 'action',
    file: 'app/(staff)/cases/[caseId]/treatment-actions.ts',
    exportName: 'referTreatmentAction',
    access: { coordinator: JACKSON, volunteer: CHAIR },
    probe: { postTo: '/cases/[caseId]', targets: CASE_PROBE, fields: (ids, t) => ({ caseId: ids.cases[t], providerId: ids.cases.unknown }) },
    why: 'Refer a case to a provider, optionally from a treatment item of its agreement: coordinators, or volunteers on the case’s board (an unknown provider: nothing saved; scope in treatment-referrals.test.ts, the item’s case and jurisdiction in treatment-referral-item.test.ts).',
  },
  { kind: 'action', file: 'app/(staff)/cases/[caseId]/treatment-actions.ts', exportName: 'revokeConsentOnRequestAction', access: { coordinator: 'all', participant: 'all' }, probe: { postTo: '/cases/[caseId]', fields: () => ({ consentId: 'not-an-id', version: '1' }) }, why: 'Revoke a Part 2 consent (consent.revoke): a coordinator on the written request, or the participant (own consent only, in the data layer; malformed id: nothing changes).' },
  { kind: 'action', file: 'app/(provider)/provider/actions.ts', exportName: 'attestTreatmentAction', access: { provider: 'all' }, probe: { postTo: '/provider', fields: () => ({}) }, why: 'Status attestation on a referral to the liaison’s own organisation (empty form: field errors; scope in treatment-referrals.test.ts).' },
  { kind: 'action', file: 'app/(participant)/portal/treatment/actions.ts', exportName: 'signConsentAction', access: { participant: 'all' }, probe: { postTo: '/portal/treatment', fields: () => ({}) }, why: 'Sign a Part 2 consent on their own case (empty form: field errors).' },
  { kind: 'action', file: 'app/(participant)/portal/treatment/actions.ts', exportName: 'revokeOwnConsentAction', access: { participant: 'all', coordinator: 'all' }, probe: { postTo: '/portal/treatment', fields: () => ({ consentId: 'not-an-id', version: '1' }) }, why: 'Revoke a consent (consent.revoke; the data layer scopes to the participant’s own, or the coordinator’s jurisdiction with a written request; malformed id: nothing changes).' },
];

/** What `subject` should get from `row` for `target` (use 'own' for routes without a record id). */
export function expectationFor(row: PolicyRow, subject: Subject, target: Target = 'own'): Expectation {
  if (row.access === 'public') return 'allow';
  if (row.access === 'token') return row.kind === 'route' && row.withoutToken ? row.withoutToken : 'signIn';
  if (subject === 'signedOut' || subject === 'disabled') return 'signIn';
  if (row.access === 'anySignedIn') return 'allow';
  const allowed = row.access[subject];
  if (!allowed) return 'notFound';
  if (allowed === 'all') return 'allow';
  return allowed.includes(target) ? 'allow' : 'notFound';
}
