import { AppError } from '@rewind/core';
import { appendAuditEvent, getInstance, getRestore } from '@rewind/db';
import { undoReplaceUpdate } from '@rewind/workflows/messages';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { z } from 'zod';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { temporalClient } from '@/server/temporal';

export const dynamic = 'force-dynamic';

const undoBody = z.object({ reason: z.string().max(2000).optional() }).strict();

/**
 * Replace mode, while the source's previous data is kept: puts it back. Answers 202 once the
 * workflow accepted the undo (its validator refuses a clone, a second undo, an expired TTL);
 * the swap and the new backup then run, visible on GET /api/v1/restores/{id} (phase undoing → undone).
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req }) => {
    const body = await readJsonBody(req, undoBody);
    const row = await getRestore(tx, tenant.tenantId, params.id);
    if (row.mode !== 'replace') throw new AppError('bad_request', 'only a replace restore can be undone');
    if (row.status !== 'succeeded')
      throw new AppError('conflict', `this restore is ${row.status}; only a finished replace can be undone`);
    // the undo swaps the kept data back into the instance and starts it: not into one being
    // deleted (its port may already serve another instance), nor under a stop/start in flight
    const source = await getInstance(tx, tenant.tenantId, row.instanceId, { includeDeleted: true });
    if (source.status === 'deleting' || source.status === 'deleted')
      throw new AppError('conflict', `instance ${source.name} is ${source.status}; its replace can no longer be undone`);
    if (source.status !== 'running' && source.status !== 'stopped')
      throw new AppError('conflict', `instance ${source.name} is ${source.status}; try the undo again once it is running or stopped`);
    try {
      await (await temporalClient()).workflow.getHandle(row.workflowId).startUpdate(undoReplaceUpdate, {
        args: [{ byUserId: principal.userId, ...(body.reason ? { reason: body.reason } : {}) }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new AppError('conflict', 'the data kept for undo is gone (the restore finished its TTL)');
      if (err instanceof WorkflowUpdateFailedError)
        throw new AppError('conflict', (err.cause as Error | undefined)?.message ?? err.message);
      throw err;
    }
    await appendAuditEvent(tx, {
      tenantId: tenant.tenantId,
      actor: auditActor(principal),
      action: 'restore.undo_requested',
      target: { type: 'restore', id: row.id },
      data: { reason: body.reason ?? null },
    });
    return Response.json({ id: row.id, status: 'undoing' }, { status: 202, headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['restore:request'] },
);
