import { listPlatformRestores } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { adminRestoresQuery } from '@/server/admin/admin-queries';
import { toAdminRestore } from '@/server/admin/admin-views';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Restores of every tenant, newest first; `?status=pending_approval` is the approvals queue. */
export const GET = withPlatformAdmin(async ({ db, req }) => {
  const q = readQuery(req.nextUrl, adminRestoresQuery);
  const rows = await listPlatformRestores(db, {
    statuses: q.status,
    tenantId: q.tenant,
    limit: q.limit ?? 100,
    before: q.before,
  });
  const now = new Date();
  return Response.json(
    { restores: rows.map((r) => toAdminRestore(r, now)) },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
