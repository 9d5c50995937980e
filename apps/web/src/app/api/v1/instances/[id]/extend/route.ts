import { extendClone } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { extendCloneBody } from '@/server/instances/instance-bodies';
import { serviceDeps } from '@/server/services';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/instances/{id}/extend `{ expiresAt }` → 200 `{ id, expiresAt, maxExpiresAt }`
 * (owners and admins, like the restore that made the clone). 400 for a primary or an expiry not
 * later than now's, 422 past the plan's clone lifetime, 409 unless the clone runs.
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req }) => {
    const body = await readJsonBody(req, extendCloneBody);
    const extended = await extendClone(serviceDeps(), tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      expiresAt: new Date(body.expiresAt),
      actor: auditActor(principal),
      byUserId: principal.userId,
    });
    return Response.json(extended, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['restore:request'] },
);
