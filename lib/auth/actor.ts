import type { Locale, Role } from '@/db/schema/users';

/** The acting user, as every data function receives it. Built from a verified session only. */
export type Actor = {
  userId: string;
  role: Role;
  jurisdictionId: string;
  name: string;
  email: string;
  locale: Locale;
  /** Client address for the audit log, when known. */
  ip?: string | null;
  /**
   * Set when an integration-API token acts (role prosecutor, scoped to the token's jurisdiction).
   * `userId` is then not a user id: write rows through `actorUserId()`.
   */
  apiToken?: { id: string; name: string };
};

/** The users.id to record for an actor, or null for the system and for API tokens. */
export function actorUserId(actor: Actor | null | undefined): string | null {
  if (!actor || actor.apiToken) return null;
  return actor.userId;
}
