import { undoRestore } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { undoBody } from '@/server/restores/decision-body';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * Replace mode, while the source's previous data is kept: puts it back. Answers 202 once the
 * workflow accepted the undo (its validator refuses a clone, a second undo, an expired TTL);
 * the swap and the new backup then run, visible on GET /api/v1/restores/{id} (phase undoing → undone).
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req }) => {
    const body = await readJsonBody(req, undoBody);
    const undo = await undoRestore(serviceDeps(), tx, {
      tenantId: tenant.tenantId,
      restoreId: params.id,
      actor: auditActor(principal),
      byUserId: principal.userId,
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
    });
    return Response.json(undo, { status: 202, headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['restore:request'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
