import { findUserEmails, getInstance, getInstancePlan, getRestore } from '@rewind/db';
import { cloneExpiryLimit } from '@rewind/services';
import { withTenant } from '@/server/api/with-tenant';
import { instanceHost } from '@/server/instances/instance-host';
import { connectsAsOwner } from '@/server/instances/connect-as-owner';
import { toRequesterView } from '@/server/restores/requesters';
import { toRestoreView } from '@/server/restores/restore-view';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params, principal }) => {
    const row = await getRestore(tx, tenant.tenantId, params.id);
    const clone = row.resultInstanceId
      ? await getInstance(tx, tenant.tenantId, row.resultInstanceId, { includeDeleted: true })
      : null;
    // the source's zone: the page shows instants in it when the person chose "instance"
    const source = await getInstance(tx, tenant.tenantId, row.instanceId, { includeDeleted: true });
    const requester = toRequesterView(row.requestedBy, await findUserEmails(tx, [row.requestedBy]));
    const maxExpiresAt = clone
      ? cloneExpiryLimit(clone, (await getInstancePlan(tx, tenant.tenantId)).cloneTtlHoursMax)
      : null;
    return Response.json(
      toRestoreView(
        row,
        source.timezone,
        clone,
        requester,
        maxExpiresAt,
        instanceHost(),
        connectsAsOwner(principal, tenant),
      ),
      {
        headers: { 'cache-control': 'no-store' },
      },
    );
  },
  { permissions: ['restore:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
