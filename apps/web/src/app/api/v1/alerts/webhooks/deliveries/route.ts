import { listAlertDeliveries } from '@rewind/db';
import { withTenant } from '@/server/api/with-tenant';
import { toDeliveryView } from '@/server/alerts/alert-views';

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
