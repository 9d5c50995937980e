import { and, eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { isUuid, requireTenantRow, tenantWhere } from '../access';
import { approvals, restores } from '../schema';

export type ApprovalDecisionKind = 'approved' | 'rejected';

export interface DecideRestoreApprovalInput {
  restoreId: string;
  deciderUserId: string;
  decision: ApprovalDecisionKind;
  reason: string;
}

export interface RecordedApproval {
  approvalId: string;
  restoreId: string;
  instanceId: string;
  workflowId: string;
  requestedBy: string | null;
  decision: ApprovalDecisionKind;
  /** true when this decider had already recorded the same decision (a retry after a failed delivery) */
  repeated: boolean;
}

/**
 * Records a second person's decision on a restore that waits for approval. The restore row
 * is locked so two approvers racing each other produce one decision, not two. The requester
 * can never decide on their own restore (the workflow checks again).
 */
export async function decideRestoreApproval(
  tx: Tx,
  tenantId: string,
  input: DecideRestoreApprovalInput,
): Promise<RecordedApproval> {
  if (!isUuid(input.restoreId)) throw new AppError('not_found', 'restore not found');
  const [row] = await tx
    .select({
      id: restores.id,
      tenantId: restores.tenantId,
      instanceId: restores.instanceId,
      workflowId: restores.workflowId,
      requestedBy: restores.requestedBy,
      status: restores.status,
    })
    .from(restores)
    .where(and(tenantWhere(restores, tenantId), eq(restores.id, input.restoreId)))
    .for('update')
    .limit(1);
  const restore = requireTenantRow(row, tenantId, 'restore');
  if (restore.requestedBy !== null && restore.requestedBy === input.deciderUserId) {
    throw new AppError(
      'forbidden',
      'you requested this restore, so you cannot approve or reject it: a second person must decide',
    );
  }
  const base = {
    restoreId: restore.id,
    instanceId: restore.instanceId,
    workflowId: restore.workflowId,
    requestedBy: restore.requestedBy,
    decision: input.decision,
  };

  const [earlier] = await tx
    .select({ id: approvals.id, decidedBy: approvals.decidedBy, decision: approvals.decision })
    .from(approvals)
    .where(and(tenantWhere(approvals, tenantId), eq(approvals.restoreId, restore.id)))
    .limit(1);
  if (earlier) {
    // The same person repeating the same decision while the restore still waits: the first
    // delivery to the workflow failed, so let the caller deliver again.
    if (
      restore.status === 'pending_approval' &&
      earlier.decidedBy === input.deciderUserId &&
      earlier.decision === input.decision
    ) {
      return { ...base, approvalId: earlier.id, repeated: true };
    }
    throw new AppError('conflict', `this restore was already ${earlier.decision}`);
  }
  if (restore.status !== 'pending_approval') {
    throw new AppError('conflict', `this restore is ${restore.status}, not waiting for approval`);
  }
  const [inserted] = await tx
    .insert(approvals)
    .values({
      tenantId,
      restoreId: restore.id,
      decidedBy: input.deciderUserId,
      decision: input.decision,
      reason: input.reason,
    })
    .returning({ id: approvals.id });
  if (!inserted) throw new Error('invariant: approval insert returned no row');
  return { ...base, approvalId: inserted.id, repeated: false };
}
