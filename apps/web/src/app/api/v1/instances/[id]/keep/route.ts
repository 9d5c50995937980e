import { requestKeepClone, startKeepClone } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { keepCloneBody } from '@/server/instances/instance-bodies';
import { serviceDeps } from '@/server/services';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/instances/{id}/keep → 202 `{ id, status: 'creating', restoreId }` (owners and
 * admins, like extend): the clone becomes a permanent instance (no expiry, counts against the
 * plan) and gets its own backups; it is `running` again once its first full backups are taken.
 * 400 for a primary, 409 unless the clone runs before its expiry or when the plan's instance
 * limit is reached (nothing changes).
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    if (req.headers.get('content-type')) await readJsonBody(req, keepCloneBody);
    const accepted = await requestKeepClone(serviceDeps(), tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      actor: auditActor(principal),
      byUserId: principal.userId,
    });
    afterCommit(() => startKeepClone(serviceDeps(), accepted));
    return Response.json(
      { id: accepted.instanceId, status: accepted.status, restoreId: accepted.restoreId },
      { status: 202, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['restore:request'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
