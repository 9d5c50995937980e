import { deleteAlertWebhook } from '@rewind/services';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Deletes a webhook: no more deliveries go to it; its delivery log stays. */
export const DELETE = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params }) => {
    await deleteAlertWebhook(tx, {
      tenantId: tenant.tenantId,
      webhookId: params.id,
      actor: auditActor(principal),
    });
    return new Response(null, { status: 204 });
  },
  { permissions: ['webhook:manage'] },
);

const notAllowed = methodNotAllowed(['DELETE']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
