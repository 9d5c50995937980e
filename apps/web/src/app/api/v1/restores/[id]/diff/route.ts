import { cloneDiffCsv } from '@rewind/core';
import { diffRestore } from '@rewind/services';
import { readQuery } from '@/server/api/read-query';
import { withTenant } from '@/server/api/with-tenant';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { restoreDiffQuery } from '@/server/restores/diff-query';
import { serviceDeps } from '@/server/services';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/restores/{id}/diff → the restore's clone against its source, per table: row counts,
 * rows only on one side and changed rows by primary key, a sample for very large tables.
 * `?format=csv` answers the same as a CSV download.
 */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params, req }) => {
    const { format } = readQuery(req.nextUrl, restoreDiffQuery);
    const diff = await diffRestore(serviceDeps(), tx, {
      tenantId: tenant.tenantId,
      restoreId: params.id,
    });
    if (format === 'csv')
      return new Response(cloneDiffCsv(diff), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="restore-${diff.restoreId}-diff.csv"`,
          'cache-control': 'no-store',
        },
      });
    return Response.json(diff, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['restore:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
