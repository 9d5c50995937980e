import 'server-only';
import {
  startInstanceAction,
  type AcceptedInstanceAction,
  type InstanceActionRequest,
} from '@rewind/services';
import type { Tx } from '@rewind/db';
import { readJsonBody } from '../api/read-json-body';
import { withTenant } from '../api/with-tenant';
import { auditActor } from '../audit/audit-actor';
import { serviceDeps } from '../services';
import { acceptedResponse } from './accepted-response';
import { instanceActionBody } from './instance-bodies';

/**
 * POST /api/v1/instances/{id}/stop|start: the optional body is checked, the service moves the
 * instance to its in-progress status in the tenant transaction, its workflow starts after
 * commit, and the answer is 202 with that status.
 */
export function lifecycleActionRoute(
  request: (tx: Tx, input: InstanceActionRequest) => Promise<AcceptedInstanceAction>,
) {
  return withTenant<{ id: string }>(
    async ({ tx, tenant, principal, params, req, afterCommit }) => {
      if (req.headers.get('content-type')) await readJsonBody(req, instanceActionBody);
      const accepted = await request(tx, {
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
}
