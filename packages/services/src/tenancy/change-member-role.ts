import {
  appendAuditEvent,
  updateMemberRole,
  type AuditActor,
  type TenantRole,
  type Tx,
} from '@rewind/db';

/** A member's role (never demoting the last owner), audited `member.role_changed` when it changed. */
export async function changeMemberRole(
  tx: Tx,
  input: { tenantId: string; userId: string; role: TenantRole; actor: AuditActor },
): Promise<{ userId: string; role: TenantRole }> {
  const change = await updateMemberRole(tx, input.tenantId, input.userId, input.role);
  if (change.from !== change.to) {
    await appendAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'member.role_changed',
      target: { type: 'user', id: input.userId },
      data: change,
    });
  }
  return { userId: input.userId, role: change.to };
}
