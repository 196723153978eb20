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
};
