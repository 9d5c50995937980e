import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { PlatformDb } from '../platform-db';
import { loginAttempts } from '../schema';
import { normalizeEmail } from './find-user-by-email';

export async function recordLoginAttempt(
  db: PlatformDb,
  attempt: { email: string; ip?: string | null; ok: boolean },
): Promise<void> {
  await db.insert(loginAttempts).values({
    email: normalizeEmail(attempt.email),
    ip: attempt.ip ?? null,
    ok: attempt.ok ? 'yes' : 'no',
  });
}

/**
 * Failed sign-ins for an email in the last `sinceSeconds`, counted only after its most recent
 * success: a person who finally typed the right password starts again from zero.
 */
export async function recentFailedLogins(
  db: PlatformDb,
  email: string,
  sinceSeconds: number,
): Promise<number> {
  const normalized = normalizeEmail(email);
  const lastSuccess = sql`coalesce((select max(s.at) from ${loginAttempts} s where s.email = ${normalized} and s.ok = 'yes'), '-infinity'::timestamptz)`;
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, normalized),
        eq(loginAttempts.ok, 'no'),
        gt(loginAttempts.at, sql`now() - make_interval(secs => ${sinceSeconds})`),
        gt(loginAttempts.at, lastSuccess),
      ),
    );
  return row?.n ?? 0;
}
