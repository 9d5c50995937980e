import { readFleetRecoverabilityDashboard } from '@rewind/services';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { env } from '@/server/env';
import { fleetRecoverabilityQuery } from '@/server/recoverability/recoverability-queries';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/admin/recoverability?range=24h|7d|30d → the fleet's restore success, RTO per
 * phase, recovery point age distribution, drill pass rate per region and open alerts.
 */
export const GET = withPlatformAdmin(async ({ db, req }) => {
  const q = readQuery(req.nextUrl, fleetRecoverabilityQuery);
  const dashboard = await readFleetRecoverabilityDashboard(db, {
    range: q.range,
    regions: [env().REGION_A_NAME, env().REGION_B_NAME],
  });
  return Response.json(dashboard, { headers: { 'cache-control': 'no-store' } });
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
