import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { alerts, type AlertRow } from '../schema';
import { getInstance } from './get-instance';

export interface ListAlertsFilter {
  status?: 'open' | 'resolved';
  /** one of the tenant's instances; another tenant's instance is not_found */
  instanceId?: string;
  limit?: number;
}

/** The tenant's alerts (its instances' only: RLS hides fleet alerts), newest activity first. */
export async function listAlerts(
  tx: Tx,
  tenantId: string,
  filter: ListAlertsFilter = {},
): Promise<AlertRow[]> {
  const where: SQL[] = [tenantWhere(alerts, tenantId)];
  if (filter.status) where.push(eq(alerts.status, filter.status));
  if (filter.instanceId) {
    const instance = await getInstance(tx, tenantId, filter.instanceId);
    where.push(eq(alerts.instanceId, instance.id));
  }
  return tx
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.lastSeenAt))
    .limit(Math.min(Math.max(filter.limit ?? 100, 1), 500));
}
