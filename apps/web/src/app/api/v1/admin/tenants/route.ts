import { z } from 'zod';
import { listTenants } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { toAdminTenant } from '@/server/admin/admin-views';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withPlatformAdmin(async ({ db, req }) => {
  readQuery(req.nextUrl, z.object({}).strict());
  const tenants = await listTenants(db);
  return Response.json(
    { tenants: tenants.map(toAdminTenant) },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
