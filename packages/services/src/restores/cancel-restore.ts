import { AppError } from '@rewind/core';
import { appendAuditEvent, getRestore, type AuditActor, type Tx } from '@rewind/db';
import type { ServiceDeps } from '../service-deps';

/**
 * POST /api/v1/restores/{id}/cancel, inside the tenant transaction: only a running or pending
 * restore, audited `restore.cancel_requested`. The caller cancels the workflow after commit
 * (`cancelRestoreWorkflow`): Temporal cancellation runs its compensations (no process, port or
 * directory left).
 */
export async function requestCancelRestore(
  tx: Tx,
  input: { tenantId: string; restoreId: string; actor: AuditActor },
): Promise<{ id: string; workflowId: string }> {
  const row = await getRestore(tx, input.tenantId, input.restoreId);
  if (row.status !== 'running' && row.status !== 'pending_approval')
    throw new AppError('conflict', `this restore is already ${row.status}`);
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'restore.cancel_requested',
    target: { type: 'restore', id: row.id },
  });
  return { id: row.id, workflowId: row.workflowId };
}

export async function cancelRestoreWorkflow(deps: ServiceDeps, workflowId: string): Promise<void> {
  await (await deps.temporal()).workflow.getHandle(workflowId).cancel();
}
