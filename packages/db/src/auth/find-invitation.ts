import { eq } from 'drizzle-orm';
import type { PlatformDb } from '../platform-db';
import { invitations, tenants, users, type TenantRole } from '../schema';
import { normalizeEmail } from './find-user-by-email';

export interface InvitationForInvitee {
  id: string;
  tenantId: string;
  tenantName: string;
  role: TenantRole;
  invitedByEmail: string | null;
  expiresAt: Date;
  accepted: boolean;
  expired: boolean;
}

/**
 * The invitation a link's token names, as the invitee may see it. Pre-tenant (the invitee
 * is not a member yet), so the platform role; it answers only to the holder of the token
 * who is signed in with the invited email: anyone else finds nothing, the same as for an
 * unknown token, so a leaked link tells a stranger nothing about the tenant.
 */
export async function findInvitationForInvitee(
  db: PlatformDb,
  tokenHash: string,
  inviteeEmail: string,
): Promise<InvitationForInvitee | null> {
  const [row] = await db
    .select({
      id: invitations.id,
      tenantId: invitations.tenantId,
      tenantName: tenants.name,
      email: invitations.email,
      role: invitations.role,
      invitedByEmail: users.email,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
    })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  if (!row || row.email !== normalizeEmail(inviteeEmail)) return null;
  const { email: _email, acceptedAt, ...rest } = row;
  return { ...rest, accepted: acceptedAt !== null, expired: row.expiresAt.getTime() <= Date.now() };
}
