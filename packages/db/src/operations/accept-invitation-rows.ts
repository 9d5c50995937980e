import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { invitations, memberships, type TenantRole } from '../schema';

/** The invitation row, locked for the rest of the tenant transaction (two accepts: one wins). */
export async function lockInvitation(
  tx: Tx,
  tenantId: string,
  invitationId: string,
): Promise<{ email: string; role: TenantRole; expiresAt: Date; acceptedAt: Date | null } | null> {
  const [row] = await tx
    .select({
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
    })
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.tenantId, tenantId)))
    .for('update');
  return row ?? null;
}

/** The invitee becomes a member with the offered role (already one: kept), and the link is spent. */
export async function markInvitationAccepted(
  tx: Tx,
  input: { tenantId: string; invitationId: string; userId: string; role: TenantRole },
): Promise<void> {
  await tx
    .insert(memberships)
    .values({ tenantId: input.tenantId, userId: input.userId, role: input.role })
    .onConflictDoNothing();
  await tx
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedBy: input.userId })
    .where(and(eq(invitations.id, input.invitationId), eq(invitations.tenantId, input.tenantId)));
}
