import { appendAuditEvent, decideRestoreApproval, type AuditActor, type Tx } from '@rewind/db';
import type { ApprovalDelivery } from './deliver-approval';

export interface DecideRestoreInput {
  tenantId: string;
  restoreId: string;
  decider: { userId: string; actor: AuditActor; viaPlatformAdmin: boolean };
  approved: boolean;
  reason: string;
}

export interface RecordedDecision {
  id: string;
  decision: 'approved' | 'rejected';
  approvalId: string;
  /** deliver after commit (`deliverApproval`); a repeated request delivers again */
  delivery: ApprovalDelivery;
}

/**
 * Approve or reject, for both the tenant route and the platform-admin route: recorded and
 * audited inside the tenant transaction (a repeat of the same decision is recognised and not
 * audited twice); the caller delivers it to the workflow once committed.
 */
export async function decideRestore(tx: Tx, input: DecideRestoreInput): Promise<RecordedDecision> {
  const decision = input.approved ? 'approved' : 'rejected';
  const recorded = await decideRestoreApproval(tx, input.tenantId, {
    restoreId: input.restoreId,
    deciderUserId: input.decider.userId,
    decision,
    reason: input.reason,
  });
  if (!recorded.repeated) {
    await appendAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.decider.actor,
      action: `restore.${decision}`,
      target: { type: 'restore', id: recorded.restoreId },
      data: {
        instanceId: recorded.instanceId,
        reason: input.reason,
        requestedBy: recorded.requestedBy,
        ...(input.decider.viaPlatformAdmin ? { viaPlatformAdmin: true } : {}),
      },
    });
  }
  return {
    id: recorded.restoreId,
    decision,
    approvalId: recorded.approvalId,
    delivery: {
      workflowId: recorded.workflowId,
      approved: input.approved,
      approverUserId: input.decider.userId,
      reason: input.reason,
    },
  };
}
