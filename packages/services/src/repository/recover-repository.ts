import { randomBytes } from 'node:crypto';
import { AppError, parseTargetTime } from '@rewind/core';
import { eq, instances, type PlatformDb } from '@rewind/db';
import type {
  RecoverRepositoryResult,
  recoverRepository as RecoverRepositoryWorkflow,
} from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { CONTROL_PLANE_QUEUE } from '@rewind/workflows/task-queues';
import type { Client } from '@temporalio/client';

export interface RecoverRepositoryRequest {
  instanceId: string;
  /** RFC 3339 with an offset: the last second the repositories were intact */
  asOf: string;
  /** who asked, for the audit trail */
  requestedBy: string;
  /** tests run their own workers */
  controlPlaneQueue?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The operator's repository recovery (platform level: the instance is found across tenants, as
 * after an attack nobody goes through a tenant session): refuses bad input before anything runs,
 * then runs the `recoverRepository` workflow (tenant-scoped id, one per request) to its end.
 */
export async function recoverRepositoryAsOf(
  deps: { platformDb: PlatformDb; temporal(): Promise<Client>; now?: () => Date },
  request: RecoverRepositoryRequest,
): Promise<RecoverRepositoryResult> {
  if (!UUID.test(request.instanceId))
    throw new AppError(
      'validation_failed',
      `instance ${JSON.stringify(request.instanceId)} is not an instance id`,
    );
  const asOf = parseTargetTime(request.asOf);
  if (Number(asOf.epochMicros / 1000n) > (deps.now ?? (() => new Date()))().getTime())
    throw new AppError('validation_failed', `as-of ${request.asOf} is in the future`);
  const [instance] = await deps.platformDb
    .select({ id: instances.id, tenantId: instances.tenantId })
    .from(instances)
    .where(eq(instances.id, request.instanceId));
  if (!instance) throw new AppError('not_found', `no instance ${request.instanceId}`);

  const recoveryId = `r${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
  const client = await deps.temporal();
  return client.workflow.execute<typeof RecoverRepositoryWorkflow>('recoverRepository', {
    taskQueue: request.controlPlaneQueue ?? CONTROL_PLANE_QUEUE,
    workflowId: workflowIds.repoRecover(instance.tenantId, instance.id, recoveryId),
    args: [
      {
        instanceId: instance.id,
        asOf: asOf.iso,
        recoveryId,
        requestedBy: request.requestedBy,
        ...(request.controlPlaneQueue ? { controlPlaneQueue: request.controlPlaneQueue } : {}),
      },
    ],
  });
}
