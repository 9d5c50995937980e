import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';
import { alerts, instances, tenants, type AlertRow } from '../../schema';

export interface PlatformAlertRow extends AlertRow {
  /** null for a fleet alert (from Prometheus) */
  tenant: { id: string; slug: string; name: string } | null;
  instance: { id: string; name: string } | null;
}

/** Alerts of every tenant and the fleet's own, newest activity first. */
export async function listPlatformAlerts(
  db: PlatformDb,
  filter: { status?: 'open' | 'resolved'; tenantId?: string; limit: number },
): Promise<PlatformAlertRow[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(alerts.status, filter.status));
  if (filter.tenantId) where.push(eq(alerts.tenantId, filter.tenantId));
  const rows = await db
    .select({
      alert: alerts,
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name },
      instance: { id: instances.id, name: instances.name },
    })
    .from(alerts)
    .leftJoin(tenants, eq(tenants.id, alerts.tenantId))
    .leftJoin(instances, eq(instances.id, alerts.instanceId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(alerts.lastSeenAt))
    .limit(Math.min(Math.max(filter.limit, 1), 500));
  return rows.map((r) => ({ ...r.alert, tenant: r.tenant, instance: r.instance }));
}
