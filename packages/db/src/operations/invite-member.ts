import { and, eq, isNull } from 'drizzle-orm';
import { AppError, generateInvitationToken } from '@rewind/core';
import type { Tx } from '../client';
import { invitations, memberships, users, type TenantRole } from '../schema';
import { normalizeEmail } from '../auth/find-user-by-email';

/** Long enough to cross a weekend, short enough that a forgotten link dies. */
export const INVITATION_TTL_HOURS = 72;

export interface CreatedInvitation {
  id: string;
  email: string;
  role: TenantRole;
  expiresAt: Date;
  /** the secret of the invitation link, to hand over exactly once */
  token: string;
}

/**
 * Offers a role in the tenant to an email address. The answer is the same whether or not a
 * Rewind account has that email (no account enumeration: the tenant cannot see non-members,
 * and this never looks). Only current members are refused, which the tenant sees anyway.
 * Inviting the same email again replaces the open invitation (the old link stops working).
 */
export async function inviteMember(
  tx: Tx,
  tenantId: string,
  input: { email: string; role: TenantRole; invitedBy: string },
): Promise<CreatedInvitation> {
  const email = normalizeEmail(input.email);
  // RLS shows the app role only users who are members of this tenant (or the caller).
  const [member] = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(users.email, email)))
    .limit(1);
  if (member) throw new AppError('conflict', 'that person is already a member of this tenant');
  await tx
    .delete(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
      ),
    );
  const generated = generateInvitationToken();
  const [row] = await tx
    .insert(invitations)
    .values({
      tenantId,
      email,
      role: input.role,
      tokenHash: generated.hash,
      invitedBy: input.invitedBy,
      expiresAt: new Date(Date.now() + INVITATION_TTL_HOURS * 3600_000),
    })
    .returning({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    });
  if (!row) throw new Error('invariant: invitation insert returned no row');
  return { ...row, token: generated.token };
}
