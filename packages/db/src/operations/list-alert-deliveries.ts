import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { alertDeliveries, type AlertDeliveryRow } from '../schema';

/** The tenant's delivery log, newest first. */
export async function listAlertDeliveries(
  tx: Tx,
  tenantId: string,
  filter: { webhookId?: string; alertId?: string; limit?: number } = {},
): Promise<AlertDeliveryRow[]> {
  const where: SQL[] = [tenantWhere(alertDeliveries, tenantId)];
  if (filter.webhookId) where.push(eq(alertDeliveries.webhookId, filter.webhookId));
  if (filter.alertId) where.push(eq(alertDeliveries.alertId, filter.alertId));
  return tx
    .select()
    .from(alertDeliveries)
    .where(and(...where))
    .orderBy(desc(alertDeliveries.createdAt))
    .limit(Math.min(Math.max(filter.limit ?? 100, 1), 500));
}
