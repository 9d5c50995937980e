import { AppError } from '@rewind/core';
import {
  appendAuditEvent,
  assertInstanceLimit,
  findCloneRestore,
  getInstance,
  inTenantTx,
  keepCloneRecord,
  setInstanceStatus,
  type AuditActor,
  type Tx,
} from '@rewind/db';
import { keepCloneUpdate } from '@rewind/workflows/messages';
import { startWorkflow, workflowDefs } from '@rewind/workflows/start';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { orchestrator } from '../orchestrator';
import type { ServiceDeps } from '../service-deps';

export interface KeepCloneInput {
  tenantId: string;
  instanceId: string;
  actor: AuditActor;
  byUserId: string;
}

export interface AcceptedKeepClone {
  tenantId: string;
  instanceId: string;
  restoreId: string;
  status: 'creating';
}

/**
 * POST /api/v1/instances/{id}/keep (Keep as a permanent instance), in the tenant transaction:
 * refused (nothing changes) for a primary, a clone not running, or a tenant at its plan's
 * instance limit. Then the restore workflow ends the clone's TTL timer (keepCloneUpdate,
 * answered; refused once the expiry passed), and the row becomes a permanent instance
 * (kind primary, no expiry, `creating`) with `instance.clone_kept`. The caller starts the
 * keepClone workflow after commit (`startKeepClone`).
 */
export async function requestKeepClone(
  deps: ServiceDeps,
  tx: Tx,
  input: KeepCloneInput,
): Promise<AcceptedKeepClone> {
  const clone = await getInstance(tx, input.tenantId, input.instanceId);
  if (clone.kind !== 'clone')
    throw new AppError('bad_request', `instance ${clone.name} is not a clone; it is already kept`);
  if (clone.status !== 'running')
    throw new AppError(
      'conflict',
      `clone ${clone.name} is ${clone.status}; only a running clone can be kept`,
    );
  await assertInstanceLimit(tx, input.tenantId);
  const restore = await findCloneRestore(tx, input.tenantId, clone.id);
  try {
    await (
      await deps.temporal()
    ).workflow
      .getHandle(restore.workflowId)
      .executeUpdate(keepCloneUpdate, { args: [{ byUserId: input.byUserId }] });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw new AppError('conflict', `clone ${clone.name} has already expired`);
    if (err instanceof WorkflowUpdateFailedError)
      throw new AppError('conflict', (err.cause as Error | undefined)?.message ?? err.message);
    throw new Error(`while keeping clone ${clone.name}: ${String(err)}`, { cause: err });
  }
  await keepCloneRecord(tx, input.tenantId, clone.id);
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'instance.clone_kept',
    target: { type: 'instance', id: clone.id },
    data: {
      name: clone.name,
      restoreId: restore.id,
      expiresAt: clone.expiresAt?.toISOString() ?? null,
    },
  });
  return {
    tenantId: input.tenantId,
    instanceId: clone.id,
    restoreId: restore.id,
    status: 'creating',
  };
}

/**
 * After commit: the keepClone workflow (own stanza, archiving to both regions, first backups,
 * schedules, monitor, drills). Its TTL is already gone, so a failed start leaves a running
 * instance without backups: it is marked `failed` (the owner sees it and may delete it).
 */
export async function startKeepClone(
  deps: ServiceDeps,
  accepted: AcceptedKeepClone,
): Promise<void> {
  try {
    const client = await orchestrator(deps, 'instances');
    await startWorkflow(client, workflowDefs.keepClone, {
      id: [accepted.tenantId, accepted.instanceId],
      args: [
        {
          tenantId: accepted.tenantId,
          instanceId: accepted.instanceId,
          restoreId: accepted.restoreId,
        },
      ],
    });
  } catch (err) {
    try {
      await inTenantTx(deps.db, { tenantId: accepted.tenantId }, (tx) =>
        setInstanceStatus(tx, accepted.tenantId, accepted.instanceId, 'failed'),
      );
    } catch (markErr) {
      console.error('[clones] could not mark the kept clone failed', accepted.instanceId, markErr);
    }
    throw err;
  }
}
