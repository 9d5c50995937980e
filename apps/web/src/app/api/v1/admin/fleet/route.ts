import { z } from 'zod';
import { listFleet } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { toAdminFleetInstance } from '@/server/admin/admin-views';
import { env } from '@/server/env';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Every live instance with its recovery point per region; sorting and filtering happen in the console. */
export const GET = withPlatformAdmin(async ({ db, req }) => {
  readQuery(req.nextUrl, z.object({}).strict());
  const fleet = await listFleet(db, { regions: [env().REGION_A_NAME, env().REGION_B_NAME] });
  return Response.json(
    { instances: fleet.map(toAdminFleetInstance), generatedAt: new Date().toISOString() },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
