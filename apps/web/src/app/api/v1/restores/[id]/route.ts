import { findUserEmails, getInstance, getRestore } from '@rewind/db';
import { withTenant } from '@/server/api/with-tenant';
import { env } from '@/server/env';
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
    const requester = toRequesterView(row.requestedBy, await findUserEmails(tx, [row.requestedBy]));
    return Response.json(
      toRestoreView(
        row,
        clone,
        requester,
        env().REWIND_SECRET_KEY,
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
