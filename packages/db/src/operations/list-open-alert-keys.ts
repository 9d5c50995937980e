import { and, eq, like } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { alerts } from '../schema';

/** Keys of the instance's open alerts starting with `prefix` (what an evaluation may resolve). */
export async function listOpenAlertKeys(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  prefix: string,
): Promise<string[]> {
  const rows = await tx
    .select({ key: alerts.key })
    .from(alerts)
    .where(
      and(
        tenantWhere(alerts, tenantId),
        eq(alerts.instanceId, instanceId),
        eq(alerts.status, 'open'),
        like(alerts.key, `${prefix.replace(/[%_\\]/g, '\\$&')}%`),
      ),
    );
  return rows.map((r) => r.key);
}
