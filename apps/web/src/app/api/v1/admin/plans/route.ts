import { z } from 'zod';
import { listPlans } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { toAdminPlan } from '@/server/admin/admin-views';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withPlatformAdmin(async ({ db, req }) => {
  readQuery(req.nextUrl, z.object({}).strict());
  const plans = await listPlans(db);
  return Response.json(
    { plans: plans.map(toAdminPlan) },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
