import 'server-only';
import { AppError } from '@rewind/core';
import { eq, inTenantTx, restores } from '@rewind/db';
import { CONTROL_PLANE_QUEUE } from '@rewind/workflows/task-queues';
import { appDb } from '../db';
import { temporalClient } from '../temporal';

export interface StartRestoreInput {
  tenantId: string;
  instanceId: string;
  restoreId: string;
  workflowId: string;
  requestedBy: string;
  needsApproval: boolean;
  hostId: string;
  /** absent: clone */
  mode?: 'clone' | 'replace';
}

/** After the restores row committed; if Temporal refuses, the row must not claim to be running. */
export async function startRestoreWorkflow(input: StartRestoreInput): Promise<void> {
  try {
    const client = await temporalClient();
    await client.workflow.start('restoreToPointInTime', {
      taskQueue: CONTROL_PLANE_QUEUE,
      workflowId: input.workflowId,
      args: [
        {
          tenantId: input.tenantId,
          instanceId: input.instanceId,
          restoreId: input.restoreId,
          requestedBy: input.requestedBy,
          mode: input.mode ?? 'clone',
          needsApproval: input.needsApproval,
          hostId: input.hostId,
        },
      ],
    });
  } catch (err) {
    console.error('[restores] could not start workflow', input.workflowId, err);
    await inTenantTx(appDb().db, { tenantId: input.tenantId }, (tx) =>
      tx
        .update(restores)
        .set({ status: 'failed', phase: 'done', error: 'the orchestrator was unavailable', finishedAt: new Date() })
        .where(eq(restores.id, input.restoreId)),
    ).catch((e: unknown) => console.error('[restores] could not mark restore failed', e));
    throw new AppError('unavailable', 'the orchestrator is unavailable; nothing was restored, try again shortly');
  }
}
