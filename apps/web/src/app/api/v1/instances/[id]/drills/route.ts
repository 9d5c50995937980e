import { listRestoreDrills } from '@rewind/db';
import { withTenant } from '@/server/api/with-tenant';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * GET /api/v1/instances/{id}/drills → the instance's restore drills, newest first: each a clone
 * restore to a recent target, its checks, and whether it passed.
 */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params }) => {
    const rows = await listRestoreDrills(tx, tenant.tenantId, params.id);
    return Response.json(
      {
        drills: rows.map((d) => ({
          id: d.id,
          instanceId: d.instanceId,
          restoreId: d.restoreId,
          trigger: d.trigger,
          status: d.status,
          target: d.target,
          region: d.region,
          checks: d.checks,
          durationSeconds: d.durationSeconds,
          error: d.error,
          startedAt: iso(d.startedAt),
          finishedAt: iso(d.finishedAt),
        })),
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['instance:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
