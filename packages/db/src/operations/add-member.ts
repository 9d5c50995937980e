import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { memberships, type TenantRole } from '../schema';

/**
 * Adds an existing person (looked up by the caller on the platform pool: people are global
 * and the tenant cannot see non-members) to the tenant with a role.
 */
export async function addMember(
  tx: Tx,
  tenantId: string,
  input: { userId: string; role: TenantRole },
): Promise<{ userId: string; role: TenantRole }> {
  const [row] = await tx
    .insert(memberships)
    .values({ tenantId, userId: input.userId, role: input.role })
    .onConflictDoNothing()
    .returning({ userId: memberships.userId, role: memberships.role });
  if (!row) throw new AppError('conflict', 'that person is already a member of this tenant');
  return row;
}
