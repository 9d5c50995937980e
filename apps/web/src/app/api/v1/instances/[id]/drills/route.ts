import { listRestoreDrills } from '@rewind/db';
import { drillItem } from '@/server/drill-views';
import { withTenant } from '@/server/api/with-tenant';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/instances/{id}/drills → the instance's restore drills, newest first: each a clone
 * restore pinned to one region, to a random (or the oldest) second of its window, with its
 * backup, phase durations, bytes restored, checks, and whether it passed.
 */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params }) => {
    const rows = await listRestoreDrills(tx, tenant.tenantId, params.id);
    return Response.json(
      { drills: rows.map(drillItem) },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['instance:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
