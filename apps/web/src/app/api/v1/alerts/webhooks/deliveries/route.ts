import { listAlertDeliveries } from '@rewind/db';
import { withTenant } from '@/server/api/with-tenant';
import { toDeliveryView } from '@/server/alerts/alert-views';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The delivery log of the tenant's webhooks, newest first. */
export const GET = withTenant(
  async ({ tx, tenant }) =>
    Response.json(
      { deliveries: (await listAlertDeliveries(tx, tenant.tenantId)).map(toDeliveryView) },
      { headers: { 'cache-control': 'no-store' } },
    ),
  { permissions: ['webhook:manage'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
