import { appendAuditEvent, disableAlertWebhook, type AuditActor, type Tx } from '@rewind/db';

/**
 * Deletes a webhook of the tenant: nothing more is delivered to it (a delivery already retrying
 * finishes), and its delivery log stays readable. Another tenant's webhook is not_found.
 */
export async function deleteAlertWebhook(
  tx: Tx,
  input: { tenantId: string; webhookId: string; actor: AuditActor },
): Promise<void> {
  const hook = await disableAlertWebhook(tx, input.tenantId, input.webhookId);
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'alert_webhook.delete',
    target: { type: 'alert_webhook', id: hook.id },
    data: { url: hook.url },
  });
}
