import {
  inTenantTx,
  requestRestore as recordRestoreRequest,
  updateRestore,
  type RequestedRestore,
  type RequestRestoreOptions,
  type Tx,
} from '@rewind/db';
import { AppError } from '@rewind/core';
import { startWorkflow, workflowDefs } from '@rewind/workflows/start';
import type { ServiceDeps } from '../service-deps';

/** What the caller gives; the workflow id is built here, never by the caller. */
export type RestoreRequest = Omit<RequestRestoreOptions, 'workflowIdFor'>;

/**
 * POST /api/v1/instances/{id}/restores, inside the tenant transaction: the restores row (checked
 * against the window, the tenant's approval policy and the instance's state by the db operation)
 * under its server-built workflow id. The caller starts it after commit (`startRestore`).
 */
export function requestRestore(tx: Tx, input: RestoreRequest): Promise<RequestedRestore> {
  return recordRestoreRequest(tx, {
    ...input,
    workflowIdFor: (restoreId) =>
      workflowDefs.restoreToPointInTime.id(input.tenantId, input.instanceId, restoreId),
  });
}

/** After the restores row committed; if Temporal refuses, the row must not claim to be running. */
export async function startRestore(
  deps: ServiceDeps,
  input: {
    tenantId: string;
    instanceId: string;
    requestedBy: string;
    restore: RequestedRestore;
    /** a shorter life for the clone than the default day (the time-travel console's) */
    cloneTtlSeconds?: number;
  },
): Promise<void> {
  const r = input.restore;
  try {
    const client = await deps.temporal();
    await startWorkflow(client, workflowDefs.restoreToPointInTime, {
      id: [input.tenantId, input.instanceId, r.id],
      args: [
        {
          tenantId: input.tenantId,
          instanceId: input.instanceId,
          restoreId: r.id,
          requestedBy: input.requestedBy,
          mode: r.mode,
          needsApproval: r.needsApproval,
          hostId: r.hostId,
          ...(r.confirmCutover ? { confirmCutover: true } : {}),
          ...(input.cloneTtlSeconds !== undefined
            ? { cloneTtlSeconds: input.cloneTtlSeconds }
            : {}),
        },
      ],
    });
  } catch (err) {
    await markRestoreUnstarted(deps, input.tenantId, r, err);
  }
}

/** A restores row whose workflow Temporal refused must not claim to be running: failed, then 503. */
export async function markRestoreUnstarted(
  deps: ServiceDeps,
  tenantId: string,
  r: Pick<RequestedRestore, 'id' | 'workflowId'>,
  err: unknown,
): Promise<never> {
  console.error('[restores] could not start workflow', r.workflowId, err);
  await inTenantTx(deps.db, { tenantId }, (tx) =>
    updateRestore(tx, tenantId, r.id, {
      status: 'failed',
      phase: 'done',
      error: 'the orchestrator was unavailable',
      finishedAt: new Date(),
    }),
  ).catch((e: unknown) => console.error('[restores] could not mark restore failed', e));
  throw new AppError(
    'unavailable',
    'the orchestrator is unavailable; nothing was restored, try again shortly',
  );
}
