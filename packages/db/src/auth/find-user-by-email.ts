import { eq } from 'drizzle-orm';
import type { PlatformDb } from '../platform-db';
import { users } from '../schema';

export interface UserForSignIn {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  isPlatformAdmin: boolean;
  /** goes into the session JWT; see session-version.ts */
  sessionVersion: number;
}

/** Emails are stored lower-cased; look-ups normalise the same way. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Pre-tenant: at sign-in nobody knows the tenant yet, so this runs as the platform role. */
export async function findUserByEmail(
  db: PlatformDb,
  email: string,
): Promise<UserForSignIn | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      isPlatformAdmin: users.isPlatformAdmin,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row ?? null;
}
