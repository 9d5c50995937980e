import { preflightRestore } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { env } from '@/server/env';
import { regionNames, restoreBody } from '@/server/restores/restore-body';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

// What would serve this restore, or why nothing can (422 with nearest seconds); provisions nothing.
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, params, req }) => {
    const body = await readJsonBody(req, restoreBody);
    const { instance, plan } = await preflightRestore(tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      body,
      regions: regionNames(env()),
    });
    return Response.json(
      { instanceId: instance.id, mode: body.mode ?? 'clone', ...plan },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['restore:request'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
