import 'server-only';
import {
  startInstanceAction,
  type AcceptedInstanceAction,
  type InstanceActionRequest,
} from '@rewind/services';
import type { Tx } from '@rewind/db';
import { readJsonBody } from '../api/read-json-body';
import { withTenant, type TenantRequest } from '../api/with-tenant';
import { auditActor } from '../audit/audit-actor';
import { serviceDeps } from '../services';
import { acceptedResponse } from './accepted-response';
import { instanceActionBody } from './instance-bodies';

type LifecycleRequest = (tx: Tx, input: InstanceActionRequest) => Promise<AcceptedInstanceAction>;

/**
 * Stop, start or delete of an instance inside a route: the service moves it to its in-progress
 * status in the tenant transaction, its workflow starts after commit, the answer is 202.
 */
export async function acceptLifecycleAction(
  { tx, tenant, principal, params, afterCommit }: TenantRequest<{ id: string }>,
  request: LifecycleRequest,
): Promise<Response> {
  const accepted = await request(tx, {
    tenantId: tenant.tenantId,
    instanceId: params.id,
    actor: auditActor(principal),
    requestedBy: principal.userId,
  });
  afterCommit(() => startInstanceAction(serviceDeps(), accepted));
  return acceptedResponse(accepted);
}

/** POST /api/v1/instances/{id}/stop|start: an optional body, checked, then the action. */
export function lifecycleActionRoute(request: LifecycleRequest) {
  return withTenant<{ id: string }>(
    async (ctx) => {
      if (ctx.req.headers.get('content-type')) await readJsonBody(ctx.req, instanceActionBody);
      return acceptLifecycleAction(ctx, request);
    },
    { permissions: ['instance:operate'] },
  );
}
