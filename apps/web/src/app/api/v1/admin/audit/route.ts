import { searchAuditEvents } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { adminAuditQuery } from '@/server/admin/admin-queries';
import { toAdminAuditEvent } from '@/server/admin/admin-views';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Audit events across every tenant and the platform chain, newest first. */
export const GET = withPlatformAdmin(async ({ db, req }) => {
  const q = readQuery(req.nextUrl, adminAuditQuery);
  const page = await searchAuditEvents(db, {
    chain: q.tenant,
    action: q.action,
    from: q.from,
    to: q.to,
    limit: q.limit ?? 100,
    beforeId: q.cursor,
  });
  return Response.json(
    {
      events: page.events.map(toAdminAuditEvent),
      nextCursor: page.nextBeforeId === null ? null : String(page.nextBeforeId),
    },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
