import { inTenantTx, listInstances, type InstanceStatus } from '@rewind/db';
import type { ActivityDeps } from '../deps';

export interface PlanTarget {
  instanceId: string;
  hostId: string;
  status: InstanceStatus;
}

/**
 * The tenant's instances a plan applies to: live primaries. Clones are transient restored
 * copies with no archiving, backups or schedules of their own, so a plan has nothing to change
 * on them.
 */
export async function listPlanTargets(
  deps: ActivityDeps,
  input: { tenantId: string },
): Promise<PlanTarget[]> {
  const rows = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
    listInstances(tx, input.tenantId),
  );
  return rows
    .filter((r) => r.kind === 'primary')
    .map((r) => ({ instanceId: r.id, hostId: r.hostId, status: r.status }));
}
