import { hashPassword, verifyPassword } from '@rewind/core';
import {
  findUserByEmail,
  recentFailedLogins,
  recordLoginAttempt,
  type Db,
  type PlatformDb,
} from '@rewind/db';
import { recordLogin } from '../audit/record-login';

export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_SECONDS = 5 * 60;

/** Thrown out of `authorize`: next-auth passes the message to the sign-in page as `error`. */
export const RATE_LIMITED = 'rate_limited';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  sessionVersion: number;
}

// Verifying against a real hash when the email is unknown keeps the response time the same,
// so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

/**
 * Email and password, at most SIGN_IN_MAX_FAILURES failures per email in SIGN_IN_WINDOW_SECONDS
 * (then refused with RATE_LIMITED before the password is checked); every attempt is recorded
 * and audited (`recordLogin`). Null for a wrong email or password.
 */
export async function signInWithPassword(
  dbs: { platform: PlatformDb; app: Db },
  input: { email: string; password: string; ip: string | null },
): Promise<SignedInUser | null> {
  const email = input.email.trim().toLowerCase();
  if (!email || !input.password) return null;
  const db = dbs.platform;

  const failures = await recentFailedLogins(db, email, SIGN_IN_WINDOW_SECONDS);
  if (failures >= SIGN_IN_MAX_FAILURES) {
    // Refused without checking the password: a correct guess must not slip through the limit.
    throw new Error(RATE_LIMITED);
  }

  const user = await findUserByEmail(db, email);
  dummyHash ??= hashPassword('rewind-timing-equaliser');
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  const accepted = ok && user !== null && user.passwordHash !== null;
  await recordLoginAttempt(db, { email, ip: input.ip, ok: accepted });
  // Rate-limited attempts are not audited: each would add an event to the victim's tenants.
  await recordLogin(dbs, {
    email,
    userId: user?.id ?? null,
    outcome: accepted ? 'succeeded' : 'failed',
    ip: input.ip,
  });
  if (!accepted || !user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    sessionVersion: user.sessionVersion,
  };
}
