import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances } from '../schema';

export interface InstanceProbe {
  /** null: all is well */
  healthReason: string | null;
  /** instance clock minus control-plane clock; null when the server could not be asked */
  clockSkewMs: number | null;
  probedAt: Date;
}

/** Stores what the probe at a catalog sync found (status stays as lifecycle set it). */
export async function recordInstanceProbe(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  probe: InstanceProbe,
): Promise<void> {
  await tx
    .update(instances)
    .set({
      healthReason: probe.healthReason,
      // an unreachable server keeps the skew last measured rather than forgetting it
      clockSkewMs:
        probe.clockSkewMs === null ? sql`${instances.clockSkewMs}` : Math.round(probe.clockSkewMs),
      probedAt: probe.probedAt,
    })
    .where(and(tenantWhere(instances, tenantId), eq(instances.id, instanceId)));
}
