import type { Tx } from '../client';
import { memberships, type TenantRole } from '../schema';
import { lockMembership, membershipWhere, refuseLastOwner } from './owner-guard';

export async function updateMemberRole(
  tx: Tx,
  tenantId: string,
  userId: string,
  role: TenantRole,
): Promise<{ from: TenantRole; to: TenantRole }> {
  const current = await lockMembership(tx, tenantId, userId);
  if (role !== 'owner') refuseLastOwner(current, 'demote');
  if (current.role !== role) {
    await tx.update(memberships).set({ role }).where(membershipWhere(tenantId, userId));
  }
  return { from: current.role, to: role };
}
