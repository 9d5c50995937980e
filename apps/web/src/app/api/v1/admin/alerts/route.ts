import { listPlatformAlerts } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { adminAlertsQuery, toAdminAlertView } from '@/server/alerts/alert-views';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withPlatformAdmin(async ({ db, req }) => {
  const q = readQuery(req.nextUrl, adminAlertsQuery);
  const rows = await listPlatformAlerts(db, {
    status: q.status,
    tenantId: q.tenant,
    limit: q.limit ?? 200,
  });
  return Response.json(
    { alerts: rows.map(toAdminAlertView) },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
