import 'server-only';
import type { Tx } from '@rewind/db';
import { workflowIds } from '@rewind/workflows/ids';
import type { Principal } from '../auth/principal';
import { beginInstanceAction, startInstanceActionWorkflow, type AcceptedInstanceAction } from './instance-action';

/**
 * POST /api/v1/instances/{id}/stop: a running instance goes to `stopping` now; the `stopInstance`
 * workflow shuts PostgreSQL down (fast: a checkpoint, so the last WAL is complete and archived)
 * and ends in `stopped`. Backups and the instance monitor skip a stopped instance; its backups,
 * WAL and restorable window stay.
 */
export function requestStopInstance(
  tx: Tx,
  input: { tenantId: string; instanceId: string; principal: Principal },
): Promise<AcceptedInstanceAction> {
  return beginInstanceAction(tx, { ...input, action: 'stop' });
}

export function startStopInstanceWorkflow(accepted: AcceptedInstanceAction): Promise<void> {
  return startInstanceActionWorkflow(accepted, {
    type: 'stopInstance',
    workflowId: workflowIds.stopInstance(accepted.tenantId, accepted.instanceId),
    args: [{ tenantId: accepted.tenantId, instanceId: accepted.instanceId, requestedBy: accepted.requestedBy }],
  });
}
