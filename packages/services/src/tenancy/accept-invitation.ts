import { AppError } from '@rewind/core';
import {
  appendAuditEvent,
  findInvitationForInvitee,
  inTenantTx,
  lockInvitation,
  markInvitationAccepted,
  normalizeEmail,
  type Db,
  type PlatformDb,
  type TenantRole,
} from '@rewind/db';

const NOT_FOUND =
  'no such invitation for you (check the link, and that you signed in with the invited email)';

/**
 * The invitee (signed in, holding the link's token) takes the offered role. The look-up is
 * pre-tenant (platform role); the change itself runs in the inviting tenant's transaction as
 * rewind_app, so RLS guards the writes, and the audit event lands in that tenant's trail.
 * Unknown token, or a token for another email: the same 404.
 */
export async function acceptInvitation(
  app: Db,
  platform: PlatformDb,
  input: { tokenHash: string; userId: string; email: string },
): Promise<{ tenantId: string; tenantName: string; role: TenantRole }> {
  const found = await findInvitationForInvitee(platform, input.tokenHash, input.email);
  if (!found) throw new AppError('not_found', NOT_FOUND);
  return inTenantTx(app, { tenantId: found.tenantId, userId: input.userId }, async (tx) => {
    const row = await lockInvitation(tx, found.tenantId, found.id);
    if (!row || row.email !== normalizeEmail(input.email))
      throw new AppError('not_found', NOT_FOUND);
    if (row.acceptedAt !== null)
      throw new AppError('conflict', 'this invitation has already been accepted');
    if (row.expiresAt.getTime() <= Date.now())
      throw new AppError('conflict', 'this invitation has expired; ask the owner for a new one');
    await markInvitationAccepted(tx, {
      tenantId: found.tenantId,
      invitationId: found.id,
      userId: input.userId,
      role: row.role,
    });
    await appendAuditEvent(tx, {
      tenantId: found.tenantId,
      actor: { type: 'user', id: input.userId, email: row.email },
      action: 'member.invitation_accepted',
      target: { type: 'user', id: input.userId },
      data: { invitationId: found.id, role: row.role },
    });
    return { tenantId: found.tenantId, tenantName: found.tenantName, role: row.role };
  });
}
