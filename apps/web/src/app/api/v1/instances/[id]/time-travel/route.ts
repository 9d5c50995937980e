import { openTimeTravel, startTimeTravel } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { env } from '@/server/env';
import { regionNames } from '@/server/restores/restore-body';
import { serviceDeps } from '@/server/services';
import { timeTravelBody } from '@/server/time-travel/time-travel-bodies';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/instances/{id}/time-travel { target } → 202 { restoreId, status, cloneId, reused }:
 * the short-lived clone at T the read-only console queries (`POST /instances/{cloneId}/query`),
 * found again if one at exactly T is still there, else restored now.
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    const body = await readJsonBody(req, timeTravelBody);
    const tenantId = tenant.tenantId;
    const opened = await openTimeTravel(tx, {
      tenantId,
      instanceId: params.id,
      requestedBy: principal.userId,
      actor: auditActor(principal),
      target: body.target,
      regions: regionNames(env()),
    });
    afterCommit(() =>
      startTimeTravel(serviceDeps(), {
        tenantId,
        instanceId: params.id,
        requestedBy: principal.userId,
        opened,
      }),
    );
    return Response.json(
      {
        restoreId: opened.restoreId,
        status: opened.status,
        cloneId: opened.cloneId,
        reused: opened.reused,
        target: opened.target,
      },
      { status: 202, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['restore:request'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
