import 'server-only';
import { AppError } from '@rewind/core';
import { workflowIds } from '@rewind/workflows/ids';
import { z } from 'zod';
import { CONTROL_PLANE_QUEUE } from './create-instance';
import { temporalClient } from '../temporal';

export const startBackupBody = z
  .object({ type: z.enum(['full', 'diff', 'incr']).default('incr') })
  .strict();

/** Starts `takeBackup` (both regions, retention, catalog sync); the id is built here, never taken from the client. */
export async function startBackupWorkflow(input: {
  tenantId: string;
  instanceId: string;
  requestId: string;
  type: 'full' | 'diff' | 'incr';
  requestedBy: string;
}): Promise<string> {
  const workflowId = workflowIds.backup(input.tenantId, input.instanceId, input.requestId);
  let client;
  try {
    client = await temporalClient();
  } catch (err) {
    console.error('[backups] temporal unreachable', err);
    throw new AppError('unavailable', 'the orchestrator is unavailable; try again shortly');
  }
  await client.workflow.start('takeBackup', {
    taskQueue: CONTROL_PLANE_QUEUE,
    workflowId,
    args: [
      {
        tenantId: input.tenantId,
        instanceId: input.instanceId,
        type: input.type,
        requestedBy: input.requestedBy,
      },
    ],
  });
  return workflowId;
}
