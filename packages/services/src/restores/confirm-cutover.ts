import { AppError } from '@rewind/core';
import { appendAuditEvent, getRestore, type AuditActor, type Tx } from '@rewind/db';
import { confirmCutoverUpdate } from '@rewind/workflows/messages';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ServiceDeps } from '../service-deps';

/**
 * POST /api/v1/restores/{id}/cutover: a replace requested with `confirmCutover`, verified and
 * waiting (phase awaiting_cutover, its diff readable), goes on to swap its copy into the source.
 * Audited `restore.cutover_confirmed` once the workflow accepted it (its validator refuses a
 * restore not waiting, or confirmed already).
 */
export async function confirmCutover(
  deps: ServiceDeps,
  tx: Tx,
  input: { tenantId: string; restoreId: string; actor: AuditActor; byUserId: string },
): Promise<{ id: string; status: 'cutover' }> {
  // another tenant's restore is not_found like any unknown id
  const row = await getRestore(tx, input.tenantId, input.restoreId);
  if (row.mode !== 'replace')
    throw new AppError('bad_request', 'only a replace restore has a cutover to confirm');
  if (row.status !== 'running' || row.phase !== 'awaiting_cutover')
    throw new AppError(
      'conflict',
      `this restore is ${row.status} (phase ${row.phase}); only a verified replace awaiting its cutover can be confirmed`,
    );
  try {
    await (
      await deps.temporal()
    ).workflow
      .getHandle(row.workflowId)
      .executeUpdate(confirmCutoverUpdate, { args: [{ byUserId: input.byUserId }] });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw new AppError('conflict', 'this restore is no longer running');
    if (err instanceof WorkflowUpdateFailedError)
      throw new AppError('conflict', (err.cause as Error | undefined)?.message ?? err.message);
    throw new Error(`while confirming the cutover of restore ${row.id}: ${String(err)}`, {
      cause: err,
    });
  }
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'restore.cutover_confirmed',
    target: { type: 'restore', id: row.id },
    data: { instanceId: row.instanceId },
  });
  return { id: row.id, status: 'cutover' };
}
