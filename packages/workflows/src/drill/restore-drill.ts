import {
  ParentClosePolicy,
  executeChild,
  proxyActivities,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activity-types';
import { workflowIds } from '../ids';
import {
  restoreToPointInTime,
  type RestoreToPointInTimeResult,
} from '../restore/restore-to-point-in-time';

export interface RestoreDrillInput {
  tenantId: string;
  instanceId: string;
  trigger: 'schedule' | 'manual' | 'new_instance';
  /**
   * drill this region; without it the instance's drill sequence decides (A, B, A, B…, every
   * Nth to the oldest second). A new instance's first drills name theirs, one per region.
   */
  region?: string;
  /** manual drills: restore to this second (RFC 3339) of the region's window instead of a random one */
  targetTime?: string;
  /**
   * wait up to this long for the region's window to hold a restorable second (a new instance's
   * first backup needs a commit archived after it); default: do not wait
   */
  waitForWindowSeconds?: number;
  /** how long the drill's clone stays up after its checks (for a person to look); default 5 min */
  cloneTtlSeconds?: number;
  /** tests run their own host worker on a unique queue; production derives it from the host id */
  hostTaskQueue?: string;
}

export interface RestoreDrillResult {
  drillId: string;
  restoreId: string | null;
  region: string | null;
  status: string;
  checks: number;
}

const WINDOW_POLL_SECONDS = 15;

/**
 * A restore drill: the instance restored, from one region only (pinned: it restores from there
 * or fails, never falls back), to a uniformly random second of that region's window (every Nth
 * drill: its oldest second), as a short-lived clone by the very workflow tenants use
 * (restoreToPointInTime, as a child). Its integrity checks, phase durations and bytes restored
 * are the drill's record; a success proves [backup stop, target] in that region. The clone is
 * destroyed at the end of its TTL. Started by a Temporal Schedule at the plan's drill cadence,
 * once per region after an instance's first full backup, or on demand.
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
  if (input.region !== undefined && input.waitForWindowSeconds) {
    const deadline = Date.now() + input.waitForWindowSeconds * 1000;
    while (
      !(await cp.drillRegionReady({
        tenantId: input.tenantId,
        instanceId: input.instanceId,
        region: input.region,
      })) &&
      Date.now() < deadline
    )
      await sleep(WINDOW_POLL_SECONDS * 1000);
  }
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
    ...(input.region !== undefined ? { region: input.region } : {}),
    ...(input.targetTime !== undefined ? { targetTime: input.targetTime } : {}),
  });
  if (!started.restoreId || !started.restoreWorkflowId || !started.hostId || !started.region)
    return {
      drillId: started.drillId,
      restoreId: null,
      region: input.region ?? null,
      status: 'failed',
      checks: 0,
    };

  let restoreStatus = 'failed';
  let error: string | null = null;
  let measured: Pick<RestoreToPointInTimeResult, 'phases' | 'bytesRestored' | 'failedPhase'> = {};
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
          pinnedRegion: started.region,
          ...(input.hostTaskQueue ? { hostTaskQueue: input.hostTaskQueue } : {}),
        },
      ],
    });
    restoreStatus = result.status;
    measured = {
      phases: result.phases ?? [],
      bytesRestored: result.bytesRestored ?? null,
      failedPhase: result.failedPhase ?? null,
    };
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const verdict = await cp.finishRestoreDrill({
    tenantId: input.tenantId,
    drillId: started.drillId,
    restoreStatus,
    error,
    ...measured,
  });
  return {
    drillId: started.drillId,
    restoreId: started.restoreId,
    region: started.region,
    ...verdict,
  };
}
