import { and, eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import {
  alertDeliveries,
  alerts,
  alertWebhooks,
  type AlertDeliveryRow,
  type AlertRow,
  type AlertWebhookRow,
} from '../schema';

/** A delivery with its webhook and alert, as the delivery activity sends it. */
export async function getAlertDelivery(
  tx: Tx,
  tenantId: string,
  deliveryId: string,
): Promise<{ delivery: AlertDeliveryRow; webhook: AlertWebhookRow; alert: AlertRow }> {
  const [row] = await tx
    .select({ delivery: alertDeliveries, webhook: alertWebhooks, alert: alerts })
    .from(alertDeliveries)
    .innerJoin(alertWebhooks, eq(alertWebhooks.id, alertDeliveries.webhookId))
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .where(and(tenantWhere(alertDeliveries, tenantId), eq(alertDeliveries.id, deliveryId)));
  if (!row) throw new AppError('not_found', 'alert delivery not found');
  return row;
}
