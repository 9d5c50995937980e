import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import type { PlatformDb } from '../platform-db';
import { alerts, type AlertRow } from '../schema';

/**
 * Resolves the open alert of `key`. Returns it when this call resolved it (deliver the
 * resolution), null when there was none open: resolving is idempotent, so every evaluation may
 * call it for every condition that holds no longer.
 */
export async function resolveAlert(db: Tx | PlatformDb, key: string): Promise<AlertRow | null> {
  const [row] = await db
    .update(alerts)
    .set({ status: 'resolved', resolvedAt: sql`now()` })
    .where(and(eq(alerts.key, key), eq(alerts.status, 'open')))
    .returning();
  return row ?? null;
}
