import {
  appendAuditEvent,
  inviteMember,
  type AuditActor,
  type CreatedInvitation,
  type TenantRole,
  type Tx,
} from '@rewind/db';

/**
 * Invites an email to the tenant (audited `member.invited`). Nobody is added without
 * accepting, and the answer is the same whether or not the email has an account: this never
 * looks people up (see inviteMember).
 */
export async function inviteTenantMember(
  tx: Tx,
  input: {
    tenantId: string;
    email: string;
    role: TenantRole;
    actor: AuditActor;
    invitedBy: string;
  },
): Promise<CreatedInvitation> {
  const invitation = await inviteMember(tx, input.tenantId, {
    email: input.email,
    role: input.role,
    invitedBy: input.invitedBy,
  });
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'member.invited',
    target: { type: 'invitation', id: invitation.id },
    data: { email: invitation.email, role: invitation.role },
  });
  return invitation;
}
