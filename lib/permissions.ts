/**
 * Role → actions: the single source for the coarse permission check (the action wrapper and route
 * handlers call `can`) and for the authorization-matrix test. Row-level scope (which cases) is
 * enforced separately, in SQL, by db/queries.
 */
import type { Role } from '@/db/schema/users';

export const permissions = {
  'case.list': { description: 'See the case list of their scope', roles: ['coordinator', 'prosecutor', 'volunteer'] },
  'case.read': { description: 'Open a case in their scope', roles: ['coordinator', 'prosecutor', 'volunteer', 'participant'] },
  'case.refer': { description: 'Refer a new case (form, CSV, API)', roles: ['prosecutor'] },
  'case.transition': { description: 'Move a case along its lifecycle', roles: ['coordinator', 'prosecutor'] },
  'case.readOwn': { description: "Read one's own case as a participant", roles: ['participant'] },
  'board.list': { description: 'See boards of the jurisdiction', roles: ['coordinator', 'prosecutor', 'volunteer'] },
  'board.manage': { description: 'Create boards, areas and memberships', roles: ['coordinator'] },
  'schedule.read': { description: 'See hearing schedules of the boards in their scope', roles: ['coordinator', 'volunteer'] },
  'hearing.schedule': { description: 'Find times and book, reschedule or cancel hearings (volunteers: only as the board chair)', roles: ['coordinator', 'volunteer'] },
  'hearing.record': { description: 'Record a hearing’s outcome, attendance and notes (volunteers: only as its chair)', roles: ['coordinator', 'volunteer'] },
  'hearing.readOwn': { description: 'See their own hearings and download calendar files', roles: ['volunteer', 'participant'] },
  'availability.manageOwn': { description: 'Set their own weekly availability and time off', roles: ['volunteer'] },
  'conflict.declare': { description: 'Declare a conflict of interest with a participant', roles: ['volunteer', 'coordinator'] },
  'conflict.review': { description: 'Review auto-detected conflicts of interest', roles: ['coordinator'] },
  'volunteer.manage': { description: 'Edit volunteer readiness and import volunteers from CSV', roles: ['coordinator'] },
  'venue.manage': { description: 'Create and edit hearing venues and video rooms', roles: ['coordinator'] },
  'participant.preferences': { description: 'Record when and how a participant can attend hearings', roles: ['coordinator'] },
  'calendar.feed': { description: 'Create or revoke their private calendar feed URL', roles: ['volunteer', 'participant', 'coordinator'] },
  'task.manage': { description: 'See and close follow-up tasks on cases', roles: ['coordinator'] },
  'referral.listOwnOrg': { description: 'See treatment referrals made to their organisation', roles: ['provider'] },
  'user.manage': { description: 'Create, disable and change roles of accounts', roles: ['admin'] },
  'notice.read': { description: "See the notices sent about their jurisdiction's cases, delivery status and contacts that fail", roles: ['coordinator'] },
  'contact.manage': { description: 'Fix how participants are reached: contact details, channel choices, support contacts, resending a failed notice', roles: ['coordinator'] },
  'notice.outbox': { description: 'Read the outbox: every notice exactly as rendered, with the provider answer', roles: ['admin'] },
  'audit.read': { description: 'Search and export the audit log', roles: ['admin'] },
  'screening.review': { description: 'See screening decisions, the needs-review queue and the overrides report', roles: ['coordinator', 'prosecutor'] },
  'screening.override': { description: 'Decide a case that needs review, or override the screening either way with a written reason', roles: ['prosecutor'] },
  'policy.manage': { description: 'Write a new version of the screening policy', roles: ['coordinator'] },
  'offer.respond': { description: 'Record the answer to an offer to divert (the participant, or the coordinator on their behalf)', roles: ['coordinator', 'participant'] },
  'routing.manage': { description: 'Route accepted cases to boards and reassign them with a reason', roles: ['coordinator'] },
  'case.close': { description: 'Close a case: completed, unsuccessful (reason code and summary) or withdrawn', roles: ['coordinator'] },
  'case.finalAction': { description: 'Record the final action on a returned case (declined to file, dismissed, refiled) and any refile window', roles: ['prosecutor'] },
  'case.documents': { description: 'Download a case’s certificate of completion and record letter (PDF): the participant for their own case, staff for cases of their jurisdiction', roles: ['coordinator', 'prosecutor', 'participant'] },
  'dashboard.read': { description: 'See the outcomes dashboard (counts only, small cells suppressed) and export its tables as CSV', roles: ['coordinator', 'prosecutor'] },
  'apiToken.manage': { description: 'Create and revoke integration-API tokens of the jurisdiction', roles: ['admin'] },
  'provider.manage': { description: 'Keep the treatment provider directory and link provider liaison accounts', roles: ['coordinator'] },
  'treatment.refer': { description: 'Refer a case to a treatment provider (volunteers: cases of their boards)', roles: ['coordinator', 'volunteer'] },
  'treatment.attest': { description: 'Update the status attestation of a referral to their own organisation (no clinical content)', roles: ['provider'] },
  'treatment.readWithConsent': { description: 'See treatment referral status, only under an active 42 CFR Part 2 consent naming them (each view is a recorded disclosure)', roles: ['coordinator', 'prosecutor', 'volunteer'] },
  'treatment.readOwn': { description: 'See their own treatment referrals in full, their consents and the accounting of disclosures', roles: ['participant'] },
  'consent.sign': { description: 'Sign a 42 CFR Part 2 consent to share treatment referral status', roles: ['participant'] },
  'consent.revoke': { description: 'Revoke a Part 2 consent (the participant, or a coordinator on their written request)', roles: ['participant', 'coordinator'] },
  'disclosure.read': { description: 'List the accounting of treatment disclosures of the jurisdiction', roles: ['admin'] },
  'agreement.read': { description: 'See the agreement of a case in their scope: every version, items, signatures, progress', roles: ['coordinator', 'volunteer', 'participant'] },
  'agreement.draft': { description: 'Draft an agreement or an amendment and edit its items (volunteers: cases of their boards)', roles: ['coordinator', 'volunteer'] },
  'agreement.approve': { description: 'Approve an agreement that goes over the guardrails for its offense level', roles: ['coordinator'] },
  'agreement.sign': { description: 'Sign an agreement: the participant on their own case, the board chair for the board (or the participant on the chair’s hearing device)', roles: ['coordinator', 'volunteer', 'participant'] },
  'agreement.template': { description: 'Save and use agreement templates of the boards they serve', roles: ['coordinator', 'volunteer'] },
  'progress.log': { description: 'Log progress on an obligation (the participant, or staff/volunteers on their behalf), with proof', roles: ['coordinator', 'volunteer', 'participant'] },
  'progress.verify': { description: 'Verify or reject logged progress with a reason', roles: ['coordinator', 'volunteer'] },
  'proof.read': { description: 'Open proof files of cases in their scope', roles: ['coordinator', 'volunteer', 'participant'] },
  'portal.use': { description: 'Use their own portal: confirm or ask to move a meeting, say when they can come, ask for help, answer the fairness survey', roles: ['participant'] },
  'portal.invite': { description: 'Invite a participant to the portal or print them a one-time sign-in letter', roles: ['coordinator'] },
  'account.manageOwn': {
    description: 'Change one’s own password, second factor and sessions; stay signed in',
    roles: ['admin', 'coordinator', 'prosecutor', 'volunteer', 'participant', 'provider'],
  },
} as const satisfies Record<string, { description: string; roles: readonly Role[] }>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission].roles as readonly Role[]).includes(role);
}

/** Where each role lands after signing in. */
export const roleHome: Record<Role, string> = {
  coordinator: '/cases',
  prosecutor: '/cases',
  volunteer: '/board',
  participant: '/portal',
  provider: '/provider',
  admin: '/admin',
};
