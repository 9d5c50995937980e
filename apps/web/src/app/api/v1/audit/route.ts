import { listAuditEvents } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withTenant } from '@/server/api/with-tenant';
import { auditQuerySchema, toAuditEventView } from '@/server/audit/audit-query';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The tenant's audit trail, newest first; `nextCursor` pages to older events. */
export const GET = withTenant(
  async ({ tx, tenant, req }) => {
    const q = readQuery(req.nextUrl, auditQuerySchema);
    const page = await listAuditEvents(tx, tenant.tenantId, {
      instanceId: q.instanceId,
      from: q.from,
      to: q.to,
      action: q.action,
      limit: q.limit ?? 100,
      beforeSeq: q.cursor,
    });
    return Response.json(
      {
        events: page.events.map(toAuditEventView),
        nextCursor: page.nextBeforeSeq === null ? null : String(page.nextBeforeSeq),
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['audit:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
