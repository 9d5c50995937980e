import { requestStopInstance, startInstanceAction } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { acceptedResponse } from '@/server/instances/accepted-response';
import { instanceActionBody } from '@/server/instances/instance-bodies';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** POST /api/v1/instances/{id}/stop → 202 `{ id, status: 'stopping' }`; 409 unless running. */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    if (req.headers.get('content-type')) await readJsonBody(req, instanceActionBody);
    const accepted = await requestStopInstance(tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      actor: auditActor(principal),
      requestedBy: principal.userId,
    });
    afterCommit(() => startInstanceAction(serviceDeps(), accepted));
    return acceptedResponse(accepted);
  },
  { permissions: ['instance:operate'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
