import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { acceptedResponse, instanceActionBody } from '@/server/instances/instance-action';
import { requestStartInstance, startStartInstanceWorkflow } from '@/server/instances/start-instance';

export const dynamic = 'force-dynamic';

/** POST /api/v1/instances/{id}/start → 202 `{ id, status: 'starting' }`; 409 unless stopped. */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    if (req.headers.get('content-type')) await readJsonBody(req, instanceActionBody);
    const accepted = await requestStartInstance(tx, { tenantId: tenant.tenantId, instanceId: params.id, principal });
    afterCommit(() => startStartInstanceWorkflow(accepted));
    return acceptedResponse(accepted);
  },
  { permissions: ['instance:operate'] },
);
