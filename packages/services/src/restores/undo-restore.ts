import { AppError } from '@rewind/core';
import { appendAuditEvent, getInstance, getRestore, type AuditActor, type Tx } from '@rewind/db';
import { undoReplaceUpdate } from '@rewind/workflows/messages';
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import type { ServiceDeps } from '../service-deps';

export interface UndoRestoreInput {
  tenantId: string;
  restoreId: string;
  actor: AuditActor;
  byUserId: string;
  reason?: string;
}

/**
 * Replace mode, while the source's previous data is kept: puts it back. Returns once the
 * workflow accepted the undo (its validator refuses a clone, a second undo, an expired TTL);
 * the swap and the new backup then run (phase undoing → undone). Audited
 * `restore.undo_requested` in the same tenant transaction, only once accepted.
 */
export async function undoRestore(
  deps: ServiceDeps,
  tx: Tx,
  input: UndoRestoreInput,
): Promise<{ id: string; status: 'undoing' }> {
  const row = await getRestore(tx, input.tenantId, input.restoreId);
  if (row.mode !== 'replace')
    throw new AppError('bad_request', 'only a replace restore can be undone');
  if (row.status !== 'succeeded')
    throw new AppError(
      'conflict',
      `this restore is ${row.status}; only a finished replace can be undone`,
    );
  // the undo swaps the kept data back into the instance and starts it: not into one being
  // deleted (its port may already serve another instance), nor under a stop/start in flight
  const source = await getInstance(tx, input.tenantId, row.instanceId, { includeDeleted: true });
  if (source.status === 'deleting' || source.status === 'deleted')
    throw new AppError(
      'conflict',
      `instance ${source.name} is ${source.status}; its replace can no longer be undone`,
    );
  if (source.status !== 'running' && source.status !== 'stopped')
    throw new AppError(
      'conflict',
      `instance ${source.name} is ${source.status}; try the undo again once it is running or stopped`,
    );
  try {
    await (
      await deps.temporal()
    ).workflow
      .getHandle(row.workflowId)
      .startUpdate(undoReplaceUpdate, {
        args: [{ byUserId: input.byUserId, ...(input.reason ? { reason: input.reason } : {}) }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw new AppError(
        'conflict',
        'the data kept for undo is gone (the restore finished its TTL)',
      );
    if (err instanceof WorkflowUpdateFailedError)
      throw new AppError('conflict', (err.cause as Error | undefined)?.message ?? err.message);
    throw err;
  }
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'restore.undo_requested',
    target: { type: 'restore', id: row.id },
    data: { reason: input.reason ?? null },
  });
  return { id: row.id, status: 'undoing' };
}
