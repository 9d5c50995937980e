import { eq, sql } from 'drizzle-orm';
import { AppError, hashPassword, verifyPassword } from '@rewind/core';
import type { PlatformDb } from '../platform-db';
import { users } from '../schema';

/**
 * A person changes their own password. The current one must be right (a stolen session
 * alone cannot lock the owner out), and the change ends every session of the person,
 * the one making the change included: whoever else held a cookie is out at once.
 * People are global, so this runs as the platform role.
 */
export async function changePassword(
  db: PlatformDb,
  input: { userId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const [user] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.userId))
    .limit(1);
  if (!user?.hash)
    throw new AppError(
      'forbidden',
      'this account signs in with single sign-on and has no password',
    );
  if (!(await verifyPassword(input.currentPassword, user.hash))) {
    throw new AppError('forbidden', 'the current password is not right');
  }
  await db
    .update(users)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, input.userId));
}
