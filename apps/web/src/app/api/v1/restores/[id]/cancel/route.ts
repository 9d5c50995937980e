import { appendAuditEvent, getRestore } from '@rewind/db';
import { AppError } from '@rewind/core';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { temporalClient } from '@/server/temporal';

export const dynamic = 'force-dynamic';

// Temporal cancellation: the workflow runs its compensations (no process, port or directory left).
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, afterCommit }) => {
    const row = await getRestore(tx, tenant.tenantId, params.id);
    if (row.status !== 'running' && row.status !== 'pending_approval')
      throw new AppError('conflict', `this restore is already ${row.status}`);
    await appendAuditEvent(tx, {
      tenantId: tenant.tenantId,
      actor: auditActor(principal),
      action: 'restore.cancel_requested',
      target: { type: 'restore', id: row.id },
    });
    afterCommit(async () => {
      await (await temporalClient()).workflow.getHandle(row.workflowId).cancel();
    });
    return Response.json({ id: row.id, status: 'cancelling' }, { status: 202, headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['restore:cancel'] },
);
