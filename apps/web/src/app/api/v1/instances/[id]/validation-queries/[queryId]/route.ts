import { deleteValidationQuery } from '@rewind/db';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** DELETE /api/v1/instances/{id}/validation-queries/{queryId} → 204 (owners and admins); restores from now on skip it. */
export const DELETE = withTenant<{ id: string; queryId: string }>(
  async ({ tx, tenant, principal, params }) => {
    await deleteValidationQuery(tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      queryId: params.queryId,
      actor: auditActor(principal),
    });
    return new Response(null, { status: 204 });
  },
  { permissions: ['validation:manage'] },
);

const notAllowed = methodNotAllowed(['DELETE']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
