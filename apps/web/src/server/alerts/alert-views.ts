import 'server-only';
import type { AlertDeliveryLogRow, AlertRow, AlertWebhookRow, PlatformAlertRow } from '@rewind/db';
import { z } from 'zod';
import { limitParam, uuidParam } from '../api/query-fields';

export const alertsQuery = z
  .object({
    status: z.enum(['open', 'resolved']).optional(),
    instance: uuidParam.optional(),
    limit: limitParam.optional(),
  })
  .strict();

export const adminAlertsQuery = z
  .object({
    status: z.enum(['open', 'resolved']).optional(),
    tenant: uuidParam.optional(),
    limit: limitParam.optional(),
  })
  .strict();

export const createWebhookBody = z
  .object({
    url: z
      .string()
      .trim()
      .url('url must be an absolute URL')
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u), 'url must use http or https'),
  })
  .strict();

export function toAlertView(a: AlertRow) {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    summary: a.summary,
    instanceId: a.instanceId,
    detail: a.detail,
    firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
  };
}
export type AlertView = ReturnType<typeof toAlertView>;

export function toAdminAlertView(a: PlatformAlertRow) {
  return { ...toAlertView(a), tenant: a.tenant, instance: a.instance };
}
export type AdminAlertView = ReturnType<typeof toAdminAlertView>;

/** Never the secret: it is shown once, in the creation response. */
export function toWebhookView(w: AlertWebhookRow) {
  return { id: w.id, url: w.url, createdAt: w.createdAt.toISOString() };
}
export type WebhookView = ReturnType<typeof toWebhookView>;

export function toDeliveryView(d: AlertDeliveryLogRow) {
  return {
    id: d.id,
    webhookId: d.webhookId,
    webhookUrl: d.webhookUrl,
    webhookDeleted: d.webhookDeleted,
    alertKind: d.alertKind,
    alertSummary: d.alertSummary,
    alertId: d.alertId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    responseCode: d.responseCode,
    error: d.error,
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  };
}
export type DeliveryView = ReturnType<typeof toDeliveryView>;
