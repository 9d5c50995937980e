import type { Tx } from '../client';
import { appendAuditEvent, type AuditActor } from '../audit/append-audit-event';

/**
 * `instance.password_revealed`, once per fetch of the password (`POST /instances/{id}/password`):
 * the instance views carry no password, so opening or polling a page records nothing.
 */
export async function recordPasswordReveal(
  tx: Tx,
  input: { tenantId: string; instanceId: string; actor: AuditActor; access: 'owner' | 'read_only' },
): Promise<void> {
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'instance.password_revealed',
    target: { type: 'instance', id: input.instanceId },
    data: { access: input.access },
  });
}
