import {
  ParentClosePolicy,
  executeChild,
  proxyActivities,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activity-types';
import { workflowIds } from '../ids';
import { restoreToPointInTime } from '../restore/restore-to-point-in-time';

export interface RestoreDrillInput {
  tenantId: string;
  instanceId: string;
  trigger: 'schedule' | 'manual';
  /** how long the drill's clone stays up after its checks (for a person to look); default 5 min */
  cloneTtlSeconds?: number;
  /** tests run their own host worker on a unique queue; production derives it from the host id */
  hostTaskQueue?: string;
}

export interface RestoreDrillResult {
  drillId: string;
  restoreId: string | null;
  status: string;
  checks: number;
}

/**
 * A restore drill: the instance restored to its newest archived commit as a short-lived clone,
 * by the very workflow tenants use (restoreToPointInTime, as a child), its integrity checks
 * recorded as the drill's verdict, the clone destroyed at the end of its TTL. Started daily by
 * a Temporal Schedule made with the instance, or on demand.
 */
export async function restoreDrill(input: RestoreDrillInput): Promise<RestoreDrillResult> {
  const cp = proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: 5,
      initialInterval: '1 second',
      nonRetryableErrorTypes: ['AppError'],
    },
  });
  const info = workflowInfo();
  // made here, not in the activity, so a retried activity or a replay names the same restore
  const restoreId = uuid4();
  const restoreWorkflowId = workflowIds.restore(input.tenantId, input.instanceId, restoreId);
  const started = await cp.startRestoreDrill({
    tenantId: input.tenantId,
    instanceId: input.instanceId,
    workflowId: info.workflowId,
    trigger: input.trigger,
    restoreId,
    restoreWorkflowId,
  });
  if (!started.restoreId || !started.restoreWorkflowId || !started.hostId)
    return { drillId: started.drillId, restoreId: null, status: 'failed', checks: 0 };

  let restoreStatus = 'failed';
  let error: string | null = null;
  try {
    const result = await executeChild(restoreToPointInTime, {
      workflowId: started.restoreWorkflowId,
      taskQueue: info.taskQueue,
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      args: [
        {
          tenantId: input.tenantId,
          instanceId: input.instanceId,
          restoreId: started.restoreId,
          requestedBy: null,
          mode: 'clone',
          needsApproval: false,
          hostId: started.hostId,
          controlPlaneQueue: info.taskQueue,
          cloneTtlSeconds: input.cloneTtlSeconds ?? 300,
          ...(input.hostTaskQueue ? { hostTaskQueue: input.hostTaskQueue } : {}),
        },
      ],
    });
    restoreStatus = result.status;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const verdict = await cp.finishRestoreDrill({
    tenantId: input.tenantId,
    drillId: started.drillId,
    restoreStatus,
    error,
  });
  return { drillId: started.drillId, restoreId: started.restoreId, ...verdict };
}
