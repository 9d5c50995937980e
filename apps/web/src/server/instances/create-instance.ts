import 'server-only';
import { AppError } from '@rewind/core';
import { createInstanceRecord, eq, inTenantTx, instances, type Tx } from '@rewind/db';
import { z } from 'zod';
import { INSTANCE_NAME_PATTERN, INSTANCE_NAME_RULE } from '../../lib/api-types';
import { appDb } from '../db';
import { env } from '../env';
import { temporalClient } from '../temporal';

export const createInstanceBody = z
  .object({
    name: z
      .string()
      .regex(INSTANCE_NAME_PATTERN, `must be ${INSTANCE_NAME_RULE}`),
  })
  .strict();

export const CONTROL_PLANE_QUEUE = 'control-plane';

/** Built on the server from ids it owns, so a client can never pick or collide a workflow id. */
export function createInstanceWorkflowId(tenantId: string, instanceId: string): string {
  return `tenant:${tenantId}:instance:${instanceId}:create`;
}

export async function insertInstance(
  tx: Tx,
  input: { tenantId: string; name: string },
): Promise<{ id: string; status: string }> {
  const e = env();
  // createInstanceRecord answers conflict (name taken, plan limit) and unavailable (no host/port) itself.
  const row = await createInstanceRecord(tx, {
    tenantId: input.tenantId,
    name: input.name,
    hostId: e.REWIND_HOST_ID,
    secretKey: e.REWIND_SECRET_KEY,
  });
  return { id: row.id, status: row.status };
}

/**
 * Starts the provisioning workflow. Called after the record committed, so the workflow's
 * first activity always finds it.
 */
export async function startCreateInstanceWorkflow(input: { tenantId: string; instanceId: string }): Promise<void> {
  let client;
  try {
    client = await temporalClient();
  } catch (err) {
    console.error('[instances] temporal unreachable', err);
    throw new AppError('unavailable', 'the orchestrator is unavailable; try again shortly');
  }
  await client.workflow.start('createInstance', {
    taskQueue: CONTROL_PLANE_QUEUE,
    workflowId: createInstanceWorkflowId(input.tenantId, input.instanceId),
    args: [{ tenantId: input.tenantId, instanceId: input.instanceId }],
  });
}

/** Compensation when the workflow could not be started: the record must not pretend to be creating. */
export async function markInstanceCreateFailed(input: { tenantId: string; instanceId: string }): Promise<void> {
  try {
    await inTenantTx(appDb().db, { tenantId: input.tenantId }, (tx) =>
      tx.update(instances).set({ status: 'failed', updatedAt: new Date() }).where(eq(instances.id, input.instanceId)),
    );
  } catch (err) {
    console.error('[instances] could not mark instance failed', input.instanceId, err);
  }
}
