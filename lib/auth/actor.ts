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
  /** The server-side session behind this request (absent for actors built in tests and jobs). */
  session?: { id: string; idleExpiresAt: Date; absoluteExpiresAt: Date };
  /** An admin reset the password: only the change-password screen works until a new one is set. */
  mustChangePassword?: boolean;
};

/** The users.id to record for an actor, or null for the system and for API tokens. */
export function actorUserId(actor: Actor | null | undefined): string | null {
  if (!actor || actor.apiToken) return null;
  return actor.userId;
}

/** An audit identity for a user who is not (yet) signed in, e.g. during sign-in. */
export function actorFromUser(
  u: { id: string; role: Role; jurisdictionId: string; name: string; email: string; locale: Locale },
  ip: string | null = null,
): Actor {
  return { userId: u.id, role: u.role, jurisdictionId: u.jurisdictionId, name: u.name, email: u.email, locale: u.locale, ip };
}
