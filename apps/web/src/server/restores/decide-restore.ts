import 'server-only';
import { appendAuditEvent, decideRestoreApproval, type AuditActor, type Tx } from '@rewind/db';
import { z } from 'zod';
import { deliverApproval } from './deliver-approval';

export const decisionBody = z
  .object({ reason: z.string().trim().min(1, 'reason is required').max(500, 'reason must be at most 500 characters') })
  .strict();

export interface DecideInput {
  tx: Tx;
  tenantId: string;
  restoreId: string;
  decider: { userId: string; actor: AuditActor; viaPlatformAdmin: boolean };
  approved: boolean;
  reason: string;
  afterCommit(fn: () => Promise<void>): void;
}

/**
 * Approve or reject, for both the tenant route and the platform-admin route: record and audit
 * inside the tenant transaction, deliver to the workflow once committed.
 */
export async function decideRestore(input: DecideInput): Promise<Response> {
  const decision = input.approved ? 'approved' : 'rejected';
  const recorded = await decideRestoreApproval(input.tx, input.tenantId, {
    restoreId: input.restoreId,
    deciderUserId: input.decider.userId,
    decision,
    reason: input.reason,
  });
  if (!recorded.repeated) {
    await appendAuditEvent(input.tx, {
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
  input.afterCommit(() =>
    deliverApproval({
      workflowId: recorded.workflowId,
      approved: input.approved,
      approverUserId: input.decider.userId,
      reason: input.reason,
    }),
  );
  return Response.json(
    { id: recorded.restoreId, decision, approvalId: recorded.approvalId },
    { status: 202, headers: { 'cache-control': 'no-store' } },
  );
}
