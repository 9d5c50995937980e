import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { alertDeliveries, type AlertDeliveryRow } from '../schema';

export async function createAlertDelivery(
  tx: Tx,
  input: { tenantId: string; webhookId: string; alertId: string; event: 'opened' | 'resolved' },
): Promise<AlertDeliveryRow> {
  const [row] = await tx.insert(alertDeliveries).values(input).returning();
  if (!row) throw new Error('invariant: delivery insert returned no row');
  return row;
}

/** One attempt's outcome: the attempt count, the receiver's status code (or the error). */
export async function recordAlertDeliveryAttempt(
  tx: Tx,
  tenantId: string,
  deliveryId: string,
  outcome: {
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    responseCode: number | null;
    error: string | null;
  },
): Promise<void> {
  await tx
    .update(alertDeliveries)
    .set({ ...outcome, lastAttemptAt: sql`now()` })
    .where(and(tenantWhere(alertDeliveries, tenantId), eq(alertDeliveries.id, deliveryId)));
}
