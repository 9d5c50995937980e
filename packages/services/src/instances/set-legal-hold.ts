import { appendAuditEvent, setInstanceLegalHold, type AuditActor, type Tx } from '@rewind/db';

/** Legal hold on or off: held instances keep backups past retention. Audited only when it changed. */
export async function setLegalHold(
  tx: Tx,
  input: { tenantId: string; instanceId: string; legalHold: boolean; actor: AuditActor },
): Promise<{ id: string; legalHold: boolean }> {
  const change = await setInstanceLegalHold(tx, input.tenantId, input.instanceId, input.legalHold);
  if (change.before !== change.after) {
    await appendAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: input.legalHold ? 'instance.legal_hold_set' : 'instance.legal_hold_released',
      target: { type: 'instance', id: input.instanceId },
    });
  }
  return { id: input.instanceId, legalHold: change.after };
}
