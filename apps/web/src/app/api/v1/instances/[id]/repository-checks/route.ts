import { listRepositoryChecks } from '@rewind/db';
import { repositoryCheckItem } from '@/server/drill-views';
import { withTenant } from '@/server/api/with-tenant';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/instances/{id}/repository-checks → the scheduled checks of the instance's
 * repositories, newest first: `pgbackrest verify` and WAL continuity per region, with findings.
 */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params }) => {
    const rows = await listRepositoryChecks(tx, tenant.tenantId, params.id);
    return Response.json(
      { checks: rows.map(repositoryCheckItem) },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['instance:read'] },
);
