import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { acceptedResponse, instanceActionBody } from '@/server/instances/instance-action';
import { requestStopInstance, startStopInstanceWorkflow } from '@/server/instances/stop-instance';

export const dynamic = 'force-dynamic';

/** POST /api/v1/instances/{id}/stop → 202 `{ id, status: 'stopping' }`; 409 unless running. */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    if (req.headers.get('content-type')) await readJsonBody(req, instanceActionBody);
    const accepted = await requestStopInstance(tx, { tenantId: tenant.tenantId, instanceId: params.id, principal });
    afterCommit(() => startStopInstanceWorkflow(accepted));
    return acceptedResponse(accepted);
  },
  { permissions: ['instance:operate'] },
);
