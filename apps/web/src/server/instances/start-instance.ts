import 'server-only';
import type { Tx } from '@rewind/db';
import { workflowIds } from '@rewind/workflows/ids';
import type { Principal } from '../auth/principal';
import { beginInstanceAction, startInstanceActionWorkflow, type AcceptedInstanceAction } from './instance-action';

/**
 * POST /api/v1/instances/{id}/start: a stopped instance goes to `starting` now; the
 * `startInstance` workflow starts PostgreSQL on its own port again and ends in `running`.
 */
export function requestStartInstance(
  tx: Tx,
  input: { tenantId: string; instanceId: string; principal: Principal },
): Promise<AcceptedInstanceAction> {
  return beginInstanceAction(tx, { ...input, action: 'start' });
}

export function startStartInstanceWorkflow(accepted: AcceptedInstanceAction): Promise<void> {
  return startInstanceActionWorkflow(accepted, {
    type: 'startInstance',
    workflowId: workflowIds.startInstance(accepted.tenantId, accepted.instanceId),
    args: [{ tenantId: accepted.tenantId, instanceId: accepted.instanceId, requestedBy: accepted.requestedBy }],
  });
}
