import { verifyAuditChain } from '@rewind/db';
import { withTenant } from '@/server/api/with-tenant';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Recomputes the tenant's hash chain; names the first event that does not hold. */
export const GET = withTenant(
  async ({ tx, tenant }) => {
    const verdict = await verifyAuditChain(tx, tenant.tenantId);
    const body = verdict.ok
      ? { ok: true, checked: verdict.count }
      : {
          ok: false,
          checked: verdict.seq - 1,
          firstBroken: { seq: verdict.seq, id: String(verdict.id), reason: verdict.reason },
        };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['audit:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
