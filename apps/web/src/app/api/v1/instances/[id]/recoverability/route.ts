import { readInstanceRecoverabilityDashboard } from '@rewind/services';
import { readQuery } from '@/server/api/read-query';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { withTenant } from '@/server/api/with-tenant';
import { env } from '@/server/env';
import { instanceRecoverabilityQuery } from '@/server/recoverability/recoverability-queries';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/instances/{id}/recoverability?range=1h|24h|7d|30d → the instance's recovery point
 * age trend per region, its newest drills, and what they verified of each region's window.
 */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params, req }) => {
    const q = readQuery(req.nextUrl, instanceRecoverabilityQuery);
    const dashboard = await readInstanceRecoverabilityDashboard(tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      range: q.range,
      regions: [env().REGION_A_NAME, env().REGION_B_NAME],
    });
    return Response.json(dashboard, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['instance:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
