import { randomUUID } from 'node:crypto';
import {
  AppError,
  type RestoreMode,
  type RestorePlan,
  type TableRestoreRecord,
} from '@rewind/core';
import type { Tx } from '../client';
import { appendAuditEvent, type AuditActor } from '../audit/append-audit-event';
import { isUuid, tenantWhere } from '../access';
import { instances, restores, tenants } from '../schema';
import { and, eq } from 'drizzle-orm';
import { preflightRestore, type RestoreRequestBody } from './preflight-restore';

export interface RequestRestoreOptions {
  tenantId: string;
  instanceId: string;
  requestedBy: string;
  actor: AuditActor;
  body: RestoreRequestBody;
  regions: readonly string[];
  /** builds the workflow id from the new restore's id (workflowIds.restore) */
  workflowIdFor(restoreId: string): string;
  /** a table-level restore: its clone is transient and this is what it copies into the source */
  tableRestore?: TableRestoreRecord;
  /** the audit action (`table_restore.requested` for a table-level restore) */
  auditAction?: string;
  now?: Date;
}

export interface RequestedRestore {
  id: string;
  workflowId: string;
  status: 'pending_approval' | 'running';
  mode: RestoreMode;
  needsApproval: boolean;
  /** replace: the verified copy waits for a confirmed cutover (confirmCutoverUpdate) */
  confirmCutover: boolean;
  plan: RestorePlan;
  hostId: string;
}

/**
 * Validates the request exactly like the preflight, then records it (restores row + audit
 * event) in the caller's transaction. The caller starts the workflow after commit.
 */
export async function requestRestore(
  tx: Tx,
  options: RequestRestoreOptions,
): Promise<RequestedRestore> {
  const mode = options.body.mode ?? 'clone';
  // Waits for a stop/start/delete deciding on this instance right now (lockInstanceForLifecycle
  // holds the row FOR UPDATE) and keeps one from deciding until this restore is recorded, so the
  // preflight below reads the status that decision left and the decision sees this restore.
  if (isUuid(options.instanceId))
    await tx
      .select({ id: instances.id })
      .from(instances)
      .where(and(tenantWhere(instances, options.tenantId), eq(instances.id, options.instanceId)))
      .for('share');
  const { instance, plan } = await preflightRestore(tx, options);
  const [tenant] = await tx
    .select({ approvalPolicy: tenants.approvalPolicy })
    .from(tenants)
    .where(eq(tenants.id, options.tenantId));
  if (!tenant) throw new AppError('not_found', 'tenant not found');
  // both policies ('replace_only', 'all_restores') gate a replace: it overwrites what the source serves
  const needsApproval = mode === 'replace' || tenant.approvalPolicy === 'all_restores';

  const id = randomUUID();
  const workflowId = options.workflowIdFor(id);
  const status = needsApproval ? 'pending_approval' : 'running';
  const confirmCutover = mode === 'replace' && options.body.confirmCutover === true;
  await tx.insert(restores).values({
    id,
    tenantId: options.tenantId,
    instanceId: instance.id,
    requestedBy: options.requestedBy,
    workflowId,
    target: plan.target,
    mode,
    region: plan.region,
    status,
    phase: 'validating',
    tableRestore: options.tableRestore ?? null,
  });
  await appendAuditEvent(tx, {
    tenantId: options.tenantId,
    actor: options.actor,
    action: options.auditAction ?? 'restore.requested',
    target: { type: 'restore', id },
    data: {
      instanceId: instance.id,
      target: plan.target,
      mode,
      region: plan.region,
      backup: plan.backupLabel,
      needsApproval,
      ...(confirmCutover ? { confirmCutover } : {}),
      ...(options.tableRestore ? { tableRestore: options.tableRestore } : {}),
    },
  });
  return {
    id,
    workflowId,
    status,
    mode,
    needsApproval,
    confirmCutover,
    plan,
    hostId: instance.hostId,
  };
}
