import { Context } from '@temporalio/activity';
import {
  decryptSecret,
  signWebhookBody,
  webhookSignatureHeader,
  webhookTimestampHeader,
} from '@rewind/core';
import {
  createAlertDelivery,
  getAlertDelivery,
  inTenantTx,
  listAlertWebhooks,
  recordAlertDeliveryAttempt,
  type AlertRow,
} from '@rewind/db';
import type { ActivityDeps } from '../deps';
import type { AlertChange } from './evaluate-instance-alerts';

/** Attempts per delivery; the workflow's retry policy uses the same number. */
export const alertDeliveryAttempts = 6;

/** The body every webhook receives: the event and the alert as the API shows it. */
export function alertWebhookBody(event: 'opened' | 'resolved', alert: AlertRow): string {
  return JSON.stringify({
    type: `alert.${event}`,
    alert: {
      id: alert.id,
      kind: alert.kind,
      status: alert.status,
      summary: alert.summary,
      instanceId: alert.instanceId,
      detail: alert.detail,
      firstSeenAt: alert.firstSeenAt.toISOString(),
      lastSeenAt: alert.lastSeenAt.toISOString(),
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    },
  });
}

/** One pending delivery per enabled webhook of the tenant; the workflow sends each. */
export async function prepareAlertDeliveries(
  deps: ActivityDeps,
  change: AlertChange,
): Promise<string[]> {
  return inTenantTx(deps.db, { tenantId: change.tenantId }, async (tx) => {
    const hooks = await listAlertWebhooks(tx, change.tenantId);
    const ids: string[] = [];
    for (const h of hooks) {
      const d = await createAlertDelivery(tx, {
        tenantId: change.tenantId,
        webhookId: h.id,
        alertId: change.alertId,
        event: change.event,
      });
      ids.push(d.id);
    }
    return ids;
  });
}

/**
 * One attempt to POST a delivery, signed over `timestamp.body`. Every attempt is logged; a
 * non-2xx answer or a network error throws so Temporal retries with backoff, until the last
 * attempt, which marks the delivery failed and returns.
 */
export async function deliverAlertWebhook(
  deps: ActivityDeps,
  input: { tenantId: string; deliveryId: string },
): Promise<{ status: 'delivered' | 'failed'; responseCode: number | null }> {
  const attempt = Context.current().info.attempt;
  const { delivery, webhook, alert } = await inTenantTx(
    deps.db,
    { tenantId: input.tenantId },
    (tx) => getAlertDelivery(tx, input.tenantId, input.deliveryId),
  );
  const body = alertWebhookBody(delivery.event, alert);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const secret = decryptSecret(webhook.secretEnc, deps.secretKey);
  let responseCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [webhookTimestampHeader]: timestamp,
        [webhookSignatureHeader]: signWebhookBody(secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    responseCode = res.status;
    await res.body?.cancel();
    if (res.status < 200 || res.status > 299) error = `the receiver answered ${res.status}`;
  } catch (err) {
    error = `while posting to ${webhook.url}: ${(err as Error).message}`;
  }
  const last = attempt >= alertDeliveryAttempts;
  const status = error === null ? 'delivered' : last ? 'failed' : 'pending';
  await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
    recordAlertDeliveryAttempt(tx, input.tenantId, input.deliveryId, {
      status,
      attempts: attempt,
      responseCode,
      error,
    }),
  );
  if (status === 'pending') throw new Error(`alert delivery ${input.deliveryId}: ${error}`);
  return { status, responseCode };
}
