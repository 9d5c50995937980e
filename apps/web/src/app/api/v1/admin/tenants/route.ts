import { z } from 'zod';
import { listTenants } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { toAdminTenant } from '@/server/admin/admin-views';

export const dynamic = 'force-dynamic';

export const GET = withPlatformAdmin(async ({ db, req }) => {
  readQuery(req.nextUrl, z.object({}).strict());
  const tenants = await listTenants(db);
  return Response.json(
    { tenants: tenants.map(toAdminTenant) },
    { headers: { 'cache-control': 'no-store' } },
  );
});
