import { confirmCutover } from '@rewind/services';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * A replace requested with `confirmCutover`, verified and waiting in phase awaiting_cutover
 * (its diff at GET /restores/{id}/diff): swap the copy into the source now. 202 once the
 * workflow accepted; the cutover then shows on GET /api/v1/restores/{id}.
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params }) => {
    const confirmed = await confirmCutover(serviceDeps(), tx, {
      tenantId: tenant.tenantId,
      restoreId: params.id,
      actor: auditActor(principal),
      byUserId: principal.userId,
    });
    return Response.json(confirmed, { status: 202, headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['restore:request'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
