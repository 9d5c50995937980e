import { AppError, encryptSecret, generateSecret } from '@rewind/core';
import { appendAuditEvent, createAlertWebhook, type Tx } from '@rewind/db';

/** http(s) only, no credentials in the URL (they would be stored and logged in clear). */
export function checkWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('validation_failed', 'url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('validation_failed', 'url must use http or https');
  if (url.username || url.password)
    throw new AppError('validation_failed', 'url must not carry credentials');
  return url;
}

/**
 * Registers a webhook for the tenant's alerts. The signing secret is generated here and
 * returned once; only its encrypted form is stored (the worker needs it to sign).
 */
export async function registerAlertWebhook(
  tx: Tx,
  input: { tenantId: string; userId: string; url: string; secretKey: string },
) {
  const url = checkWebhookUrl(input.url).toString();
  const secret = `whsec_${generateSecret(32)}`;
  const webhook = await createAlertWebhook(tx, {
    tenantId: input.tenantId,
    url,
    secretEnc: encryptSecret(secret, input.secretKey),
    createdBy: input.userId,
  });
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: { type: 'user', id: input.userId },
    action: 'alert_webhook.create',
    target: { type: 'alert_webhook', id: webhook.id },
    data: { url },
  });
  return { webhook, secret };
}
