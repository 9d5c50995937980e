import 'server-only';
import type { Tx } from '@rewind/db';
import { workflowIds } from '@rewind/workflows/ids';
import type { Principal } from '../auth/principal';
import { beginInstanceAction, startInstanceActionWorkflow, type AcceptedInstanceAction } from './instance-action';

/**
 * DELETE /api/v1/instances/{id}: the instance goes to `deleting` now; the `deleteInstance`
 * workflow removes its backup schedules, stops PostgreSQL and removes the data directory (status
 * `deleted`: the name and port are free again). Its backups and WAL are kept until the
 * tenant's retention has passed, then the stanza is removed from both regions. Refused while a legal hold is on or a restore of it is pending or running.
 */
export function requestDeleteInstance(
  tx: Tx,
  input: { tenantId: string; instanceId: string; principal: Principal },
): Promise<AcceptedInstanceAction> {
  return beginInstanceAction(tx, { ...input, action: 'delete' });
}

export function startDeleteInstanceWorkflow(accepted: AcceptedInstanceAction): Promise<void> {
  return startInstanceActionWorkflow(accepted, {
    type: 'deleteInstance',
    workflowId: workflowIds.destroyInstance(accepted.tenantId, accepted.instanceId),
    args: [{ tenantId: accepted.tenantId, instanceId: accepted.instanceId, requestedBy: accepted.requestedBy }],
  });
}
