import { requestRestore } from '@rewind/db';
import { workflowIds } from '@rewind/workflows/ids';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { env } from '@/server/env';
import { regionNames, restoreBody } from '@/server/restores/restore-body';
import { startRestoreWorkflow } from '@/server/restores/start-restore-workflow';

export const dynamic = 'force-dynamic';

export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    const body = await readJsonBody(req, restoreBody);
    const tenantId = tenant.tenantId;
    const r = await requestRestore(tx, {
      tenantId,
      instanceId: params.id,
      requestedBy: principal.userId,
      actor: auditActor(principal),
      body,
      regions: regionNames(env()),
      workflowIdFor: (restoreId) => workflowIds.restore(tenantId, params.id, restoreId),
    });
    afterCommit(() =>
      startRestoreWorkflow({
        tenantId,
        instanceId: params.id,
        restoreId: r.id,
        workflowId: r.workflowId,
        requestedBy: principal.userId,
        needsApproval: r.needsApproval,
        hostId: r.hostId,
        mode: r.mode,
      }),
    );
    return Response.json(
      { id: r.id, status: r.status },
      { status: 202, headers: { location: `/api/v1/restores/${r.id}`, 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['restore:request'] },
);
