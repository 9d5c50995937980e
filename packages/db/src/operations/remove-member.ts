import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { apiTokens, memberships, type TenantRole } from '../schema';
import { endSessionsOf } from '../auth/session-version';
import { lockMembership, membershipWhere, refuseLastOwner } from './owner-guard';

/**
 * Removes a member, revokes their tokens for this tenant and ends their sessions. Tokens
 * already stop working without the membership; revoking them too means re-adding the person
 * later does not bring old secrets back to life. Sessions end everywhere (a session is the
 * person's, not the tenant's): a cookie made while they were a member is not trusted on.
 */
export async function removeMember(
  tx: Tx,
  tenantId: string,
  userId: string,
): Promise<{ role: TenantRole; revokedTokens: number }> {
  const current = await lockMembership(tx, tenantId, userId);
  refuseLastOwner(current, 'remove');
  // before the delete: the users policy lets the app role reach members of this tenant only
  await endSessionsOf(tx, userId);
  await tx.delete(memberships).where(membershipWhere(tenantId, userId));
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        tenantWhere(apiTokens, tenantId),
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id });
  return { role: current.role, revokedTokens: revoked.length };
}
