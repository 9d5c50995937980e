import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import type { PlatformDb } from '../platform-db';
import { users } from '../schema';

/**
 * Sessions are stateless JWTs that embed the person's session version at sign-in; each
 * request compares it with this number. Bumping it ends every session of the person at once
 * (sign-out, password change, removal from a tenant). Pre-tenant lookup: platform role.
 */
export async function sessionVersionOf(db: PlatformDb, userId: string): Promise<number | null> {
  const [row] = await db
    .select({ v: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.v ?? null;
}

/**
 * Ends all sessions of a person. In a tenant transaction (rewind_app) the users policy
 * lets this reach only the signed-in person and members of the current tenant, and the
 * column grant only this column.
 */
export async function endSessionsOf(db: PlatformDb | Tx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
