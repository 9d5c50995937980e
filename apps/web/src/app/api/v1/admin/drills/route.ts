import { listPlatformDrills } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { adminDrillsQuery } from '@/server/admin/admin-queries';
import { toAdminDrill } from '@/server/admin/admin-views';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withPlatformAdmin(async ({ db, req }) => {
  const q = readQuery(req.nextUrl, adminDrillsQuery);
  const rows = await listPlatformDrills(db, { tenantId: q.tenant, limit: q.limit ?? 100 });
  return Response.json(
    { drills: rows.map(toAdminDrill) },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
