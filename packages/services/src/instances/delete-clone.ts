import { AppError } from '@rewind/core';
import {
  appendAuditEvent,
  findCloneRestore,
  getInstance,
  inTenantTx,
  revertInstanceStatus,
  setInstanceStatus,
  type AuditActor,
  type Tx,
} from '@rewind/db';
import { extendCloneUpdate } from '@rewind/workflows/messages';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ServiceDeps } from '../service-deps';

export interface AcceptedCloneDelete {
  tenantId: string;
  instanceId: string;
  name: string;
  workflowId: string;
  byUserId: string;
  status: 'deleting';
}

/**
 * DELETE /api/v1/instances/{id} of a clone (Delete now): a clone's life is its restore's TTL, so
 * it goes the way its TTL would end it, now. In the tenant transaction: status `deleting` and
 * `instance.delete_requested`; after commit `startCloneDelete` moves the restore workflow's expiry
 * to now (extendCloneUpdate), and the workflow removes the clone (process, port, directory) and
 * marks it deleted, as at the end of its TTL. Refused unless the clone runs.
 */
export async function requestDeleteClone(
  tx: Tx,
  input: { tenantId: string; instanceId: string; actor: AuditActor; byUserId: string },
): Promise<AcceptedCloneDelete> {
  const clone = await getInstance(tx, input.tenantId, input.instanceId);
  if (clone.kind !== 'clone')
    throw new AppError('bad_request', `instance ${clone.name} is not a clone`);
  if (clone.status !== 'running')
    throw new AppError(
      'conflict',
      `clone ${clone.name} is ${clone.status}; only a running clone can be deleted now`,
    );
  const restore = await findCloneRestore(tx, input.tenantId, clone.id);
  await setInstanceStatus(tx, input.tenantId, clone.id, 'deleting');
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'instance.delete_requested',
    target: { type: 'instance', id: clone.id },
    data: { name: clone.name, from: clone.status, clone: true, restoreId: restore.id },
  });
  return {
    tenantId: input.tenantId,
    instanceId: clone.id,
    name: clone.name,
    workflowId: restore.workflowId,
    byUserId: input.byUserId,
    status: 'deleting',
  };
}

/** After commit: the clone's expiry becomes now; if the workflow refuses, the clone runs on. */
export async function startCloneDelete(
  deps: ServiceDeps,
  accepted: AcceptedCloneDelete,
): Promise<void> {
  try {
    await (
      await deps.temporal()
    ).workflow
      .getHandle(accepted.workflowId)
      .executeUpdate(extendCloneUpdate, {
        args: [{ expiresAt: new Date().toISOString(), byUserId: accepted.byUserId }],
      });
  } catch (err) {
    try {
      await inTenantTx(deps.db, { tenantId: accepted.tenantId }, (tx) =>
        revertInstanceStatus(tx, accepted.tenantId, accepted.instanceId, {
          expected: 'deleting',
          previous: 'running',
        }),
      );
    } catch (revertErr) {
      console.error('[clones] could not put the status back', accepted.instanceId, revertErr);
    }
    if (err instanceof WorkflowNotFoundError)
      throw new AppError('conflict', `clone ${accepted.name} has already expired`);
    if (err instanceof WorkflowUpdateFailedError)
      throw new AppError('conflict', (err.cause as Error | undefined)?.message ?? err.message);
    throw new Error(`while deleting clone ${accepted.name}: ${String(err)}`, { cause: err });
  }
}
