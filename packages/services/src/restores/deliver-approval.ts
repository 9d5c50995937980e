import { AppError } from '@rewind/core';
import { approveRestoreUpdate, rejectRestoreUpdate } from '@rewind/workflows/messages';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { orchestrator } from '../orchestrator';
import type { ServiceDeps } from '../service-deps';

export interface ApprovalDelivery {
  workflowId: string;
  approved: boolean;
  approverUserId: string;
  reason: string;
}

const DELIVERY_TIMEOUT_MS = 15_000;

/**
 * The one place a recorded decision reaches the restore workflow: the workflow's approve /
 * reject Update (it re-checks requester ≠ approver and that it still waits). Called after the
 * approval row committed; a failure here is retryable by repeating the same request (the
 * decision is recognised and delivered again).
 */
export async function deliverApproval(deps: ServiceDeps, d: ApprovalDelivery): Promise<void> {
  const client = await orchestrator(
    deps,
    'approvals',
    'decision recorded, but the orchestrator is unavailable; repeat the request to deliver it',
  );
  const update = d.approved ? approveRestoreUpdate : rejectRestoreUpdate;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), DELIVERY_TIMEOUT_MS);
  });
  try {
    await Promise.race([
      client.workflow
        .getHandle(d.workflowId)
        .executeUpdate(update, { args: [{ approverUserId: d.approverUserId, reason: d.reason }] }),
      timeout,
    ]);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      throw new AppError(
        'conflict',
        'decision recorded, but the restore is no longer waiting (its workflow has finished)',
      );
    }
    if (err instanceof WorkflowUpdateFailedError) {
      const why = err.cause instanceof Error ? err.cause.message : err.message;
      throw new AppError('conflict', `the restore workflow refused the decision: ${why}`);
    }
    console.error('[approvals] delivery failed', d.workflowId, err);
    throw new AppError(
      'unavailable',
      'decision recorded, but delivering it failed; repeat the request to deliver it',
    );
  } finally {
    clearTimeout(timer);
  }
}
