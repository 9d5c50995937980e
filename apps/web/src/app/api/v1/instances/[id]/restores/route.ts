import { requestRestore, startRestore } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { env } from '@/server/env';
import { regionNames, restoreBody } from '@/server/restores/restore-body';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    const body = await readJsonBody(req, restoreBody);
    const tenantId = tenant.tenantId;
    const r = await requestRestore(tx, {
      tenantId,
      instanceId: params.id,
      requestedBy: principal.userId,
      actor: auditActor(principal),
      body,
      regions: regionNames(env()),
    });
    afterCommit(() =>
      startRestore(serviceDeps(), {
        tenantId,
        instanceId: params.id,
        requestedBy: principal.userId,
        restore: r,
      }),
    );
    return Response.json(
      { id: r.id, status: r.status },
      {
        status: 202,
        headers: { location: `/api/v1/restores/${r.id}`, 'cache-control': 'no-store' },
      },
    );
  },
  { permissions: ['restore:request'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
