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
  /** The server-side session behind this request (absent for actors built in tests and jobs). */
  session?: { id: string; idleExpiresAt: Date; absoluteExpiresAt: Date };
  /** An admin reset the password: only the change-password screen works until a new one is set. */
  mustChangePassword?: boolean;
};

/** An audit identity for a user who is not (yet) signed in, e.g. during sign-in. */
export function actorFromUser(
  u: { id: string; role: Role; jurisdictionId: string; name: string; email: string; locale: Locale },
  ip: string | null = null,
): Actor {
  return { userId: u.id, role: u.role, jurisdictionId: u.jurisdictionId, name: u.name, email: u.email, locale: u.locale, ip };
}
