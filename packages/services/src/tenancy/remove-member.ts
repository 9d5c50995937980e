import { appendAuditEvent, removeMember, type AuditActor, type Tx } from '@rewind/db';

/** Removes a member (never the last owner) and revokes their tokens for this tenant; audited `member.removed`. */
export async function removeTenantMember(
  tx: Tx,
  input: { tenantId: string; userId: string; actor: AuditActor },
): Promise<void> {
  const removed = await removeMember(tx, input.tenantId, input.userId);
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'member.removed',
    target: { type: 'user', id: input.userId },
    data: removed,
  });
}
