import { and, eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { isUuid, requireTenantRow, tenantWhere } from '../access';
import { memberships, type TenantRole } from '../schema';

/**
 * Locks the tenant's memberships (so two owners demoting each other at once cannot both
 * succeed) and returns the target's membership and how many owners there are.
 */
export async function lockMembership(
  tx: Tx,
  tenantId: string,
  userId: string,
): Promise<{ role: TenantRole; owners: number }> {
  if (!isUuid(userId)) throw new AppError('not_found', 'member not found');
  const rows = await tx
    .select({ tenantId: memberships.tenantId, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(tenantWhere(memberships, tenantId))
    .for('update');
  const target = requireTenantRow(
    rows.find((r) => r.userId === userId),
    tenantId,
    'member',
  );
  return { role: target.role, owners: rows.filter((r) => r.role === 'owner').length };
}

export function refuseLastOwner(current: { role: TenantRole; owners: number }, what: string): void {
  if (current.role === 'owner' && current.owners <= 1) {
    throw new AppError(
      'conflict',
      `cannot ${what} the last owner of the tenant; make someone else owner first`,
    );
  }
}

export function membershipWhere(tenantId: string, userId: string) {
  return and(tenantWhere(memberships, tenantId), eq(memberships.userId, userId));
}
