import { requestTableRestore, startTableRestore } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { env } from '@/server/env';
import { regionNames } from '@/server/restores/restore-body';
import { serviceDeps } from '@/server/services';
import { tableRestoreBody } from '@/server/time-travel/time-travel-bodies';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/instances/{id}/table-restores { target, tables | schema, into?, confirm? } →
 * 202 { id, status, tableRestore }: chosen tables as of T copied from a transient clone into the
 * live instance, into `restored_<yyyymmddhhmmss>` or (typed confirmation) replacing the live
 * tables. Progress at GET /api/v1/restores/{id} (`tableRestore`).
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    const body = await readJsonBody(req, tableRestoreBody);
    const tenantId = tenant.tenantId;
    const deps = serviceDeps();
    const { restore, spec, dependents } = await requestTableRestore(deps, tx, {
      tenantId,
      instanceId: params.id,
      requestedBy: principal.userId,
      actor: auditActor(principal),
      body,
      regions: regionNames(env()),
    });
    afterCommit(() =>
      startTableRestore(deps, {
        tenantId,
        instanceId: params.id,
        requestedBy: principal.userId,
        restore,
      }),
    );
    return Response.json(
      { id: restore.id, status: restore.status, tableRestore: { ...spec, dependents } },
      {
        status: 202,
        headers: { location: `/api/v1/restores/${restore.id}`, 'cache-control': 'no-store' },
      },
    );
  },
  { permissions: ['restore:request'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
