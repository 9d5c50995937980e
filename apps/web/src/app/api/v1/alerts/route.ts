import { listAlerts } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withTenant } from '@/server/api/with-tenant';
import { alertsQuery, toAlertView } from '@/server/alerts/alert-views';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The tenant's alerts (its own instances only; fleet alerts are the platform's). */
export const GET = withTenant(
  async ({ tx, tenant, req }) => {
    const q = readQuery(req.nextUrl, alertsQuery);
    const rows = await listAlerts(tx, tenant.tenantId, {
      status: q.status,
      instanceId: q.instance,
      limit: q.limit,
    });
    return Response.json(
      { alerts: rows.map(toAlertView) },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['alert:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
