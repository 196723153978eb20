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
  'referral.listOwnOrg': { description: 'See treatment referrals made to their organisation', roles: ['provider'] },
  'user.manage': { description: 'Create, disable and change roles of accounts', roles: ['admin'] },
  'audit.read': { description: 'Search and export the audit log', roles: ['admin'] },
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
