import { AppError } from '@rewind/core';
import {
  appendAuditEvent,
  findCloneRestore,
  getInstance,
  getInstancePlan,
  setCloneExpiry,
  type AuditActor,
  type InstanceRecord,
  type Tx,
} from '@rewind/db';
import { extendCloneUpdate } from '@rewind/workflows/messages';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ServiceDeps } from '../service-deps';

export interface ExtendCloneInput {
  tenantId: string;
  instanceId: string;
  /** the new expiry, already parsed from RFC 3339 with an offset */
  expiresAt: Date;
  actor: AuditActor;
  byUserId: string;
}

/** The latest expiry the plan allows a clone: `cloneTtlHoursMax` hours after it was made. */
export function cloneExpiryLimit(clone: Pick<InstanceRecord, 'createdAt'>, hoursMax: number): Date {
  return new Date(clone.createdAt.getTime() + hoursMax * 3600_000);
}

/**
 * POST /api/v1/instances/{id}/extend: moves a running clone's expiry later, up to the plan's
 * maximum lifetime. Refused (nothing changes) for a primary, a clone not running, an expiry
 * not after the current one, or one past the plan's bound (limit_exceeded, details carry it).
 * The restore workflow holds the TTL timer: it takes the new expiry first (extendCloneUpdate,
 * answered), then the row and `instance.clone_extended` follow in the tenant transaction.
 */
export async function extendClone(
  deps: ServiceDeps,
  tx: Tx,
  input: ExtendCloneInput,
): Promise<{ id: string; expiresAt: string; maxExpiresAt: string }> {
  const clone = await getInstance(tx, input.tenantId, input.instanceId);
  if (clone.kind !== 'clone' || !clone.expiresAt)
    throw new AppError('bad_request', `instance ${clone.name} is not a clone; it has no expiry`);
  if (clone.status !== 'running')
    throw new AppError(
      'conflict',
      `clone ${clone.name} is ${clone.status}; only a running clone's expiry can be moved`,
    );
  const plan = await getInstancePlan(tx, input.tenantId);
  const max = cloneExpiryLimit(clone, plan.cloneTtlHoursMax);
  const to = input.expiresAt;
  if (to.getTime() <= clone.expiresAt.getTime())
    throw new AppError(
      'bad_request',
      `expiresAt must be later than the clone's current expiry (${clone.expiresAt.toISOString()}); delete the clone to remove it sooner`,
      { expiresAt: clone.expiresAt.toISOString() },
    );
  if (to.getTime() > max.getTime())
    throw new AppError(
      'limit_exceeded',
      `the ${plan.planName} plan keeps a clone at most ${plan.cloneTtlHoursMax} h after it was made, so until ${max.toISOString()}`,
      { maxExpiresAt: max.toISOString(), cloneTtlHoursMax: plan.cloneTtlHoursMax },
    );
  const restore = await findCloneRestore(tx, input.tenantId, clone.id);
  let answered: { expiresAt: string };
  try {
    answered = await (
      await deps.temporal()
    ).workflow
      .getHandle(restore.workflowId)
      .executeUpdate(extendCloneUpdate, {
        args: [{ expiresAt: to.toISOString(), byUserId: input.byUserId }],
      });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw new AppError('conflict', `clone ${clone.name} has already expired`);
    if (err instanceof WorkflowUpdateFailedError)
      throw new AppError('conflict', (err.cause as Error | undefined)?.message ?? err.message);
    throw new Error(`while moving the expiry of clone ${clone.name}: ${String(err)}`, {
      cause: err,
    });
  }
  await setCloneExpiry(tx, input.tenantId, clone.id, new Date(answered.expiresAt));
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'instance.clone_extended',
    target: { type: 'instance', id: clone.id },
    data: { from: clone.expiresAt.toISOString(), to: answered.expiresAt, restoreId: restore.id },
  });
  return { id: clone.id, expiresAt: answered.expiresAt, maxExpiresAt: max.toISOString() };
}
