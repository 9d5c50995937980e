import { and, desc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { alertDeliveries, alertWebhooks, alerts, type AlertDeliveryRow } from '../schema';

/** A delivery with what a person reading the log needs: where it went and which alert it was. */
export interface AlertDeliveryLogRow extends AlertDeliveryRow {
  webhookUrl: string;
  /** the webhook was deleted since: its log stays */
  webhookDeleted: boolean;
  alertKind: string;
  alertSummary: string;
}

/** The tenant's delivery log, newest first. */
export async function listAlertDeliveries(
  tx: Tx,
  tenantId: string,
  filter: { webhookId?: string; alertId?: string; limit?: number } = {},
): Promise<AlertDeliveryLogRow[]> {
  const where: SQL[] = [tenantWhere(alertDeliveries, tenantId)];
  if (filter.webhookId) where.push(eq(alertDeliveries.webhookId, filter.webhookId));
  if (filter.alertId) where.push(eq(alertDeliveries.alertId, filter.alertId));
  const rows = await tx
    .select({
      ...getTableColumns(alertDeliveries),
      webhookUrl: alertWebhooks.url,
      webhookDisabledAt: alertWebhooks.disabledAt,
      alertKind: alerts.kind,
      alertSummary: alerts.summary,
    })
    .from(alertDeliveries)
    .innerJoin(alertWebhooks, eq(alertWebhooks.id, alertDeliveries.webhookId))
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .where(and(...where))
    .orderBy(desc(alertDeliveries.createdAt))
    .limit(Math.min(Math.max(filter.limit ?? 100, 1), 500));
  return rows.map(({ webhookDisabledAt, ...r }) => ({
    ...r,
    webhookDeleted: webhookDisabledAt !== null,
  }));
}
