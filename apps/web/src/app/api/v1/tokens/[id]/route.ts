import { appendAuditEvent, revokeApiToken } from '@rewind/db';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';

export const dynamic = 'force-dynamic';

export const DELETE = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params }) => {
    const revoked = await revokeApiToken(tx, tenant.tenantId, params.id);
    if (!revoked.alreadyRevoked) {
      await appendAuditEvent(tx, {
        tenantId: tenant.tenantId,
        actor: auditActor(principal),
        action: 'token.revoked',
        target: { type: 'token', id: revoked.id },
        data: { name: revoked.name },
      });
    }
    return new Response(null, { status: 204 });
  },
  { permissions: ['token:manage'] },
);
