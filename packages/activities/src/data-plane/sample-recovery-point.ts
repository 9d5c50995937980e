import { getInstanceWindow, inTenantTx, recordRecoveryPointSample } from '@rewind/db';
import type { ActivityDeps } from '../deps';
import type { InstanceRef } from './instance-facts';

/**
 * Right after a catalog sync: how far each region's newest restorable second trails now, kept
 * as history (the catalog itself only knows the window as it is) for the recovery-point-age
 * trend. At most one sample a minute per instance; older samples expire in the same write.
 */
export async function sampleRecoveryPoint(deps: ActivityDeps, ref: InstanceRef): Promise<void> {
  const now = new Date();
  await inTenantTx(deps.db, { tenantId: ref.tenantId }, async (tx) => {
    const window = await getInstanceWindow(tx, ref.tenantId, ref.instanceId, {
      regions: [deps.regions.a.region.name, deps.regions.b.region.name],
      now,
    });
    await recordRecoveryPointSample(tx, ref.tenantId, ref.instanceId, {
      at: now,
      regions: window.regions.map((r) => ({ region: r.region, ageSeconds: r.rpoSeconds })),
    });
  });
}
