import { cancelRestoreWorkflow, requestCancelRestore } from '@rewind/services';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

// Temporal cancellation: the workflow runs its compensations (no process, port or directory left).
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, afterCommit }) => {
    const r = await requestCancelRestore(tx, {
      tenantId: tenant.tenantId,
      restoreId: params.id,
      actor: auditActor(principal),
    });
    afterCommit(() => cancelRestoreWorkflow(serviceDeps(), r.workflowId));
    return Response.json(
      { id: r.id, status: 'cancelling' },
      { status: 202, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['restore:cancel'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
