import { findWalEvents } from '@rewind/services';
import { withTenant } from '@/server/api/with-tenant';
import { parseWalEventsQuery } from '@/server/instances/wal-events-query';
import { serviceDeps } from '@/server/services';
import type { WalEventsResponse } from '@/lib/api-types';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/instances/{id}/wal-events?from=&to=&kinds= → destructive events (drop, truncate,
 * mass delete/update) found in archived WAL, named as at the event, each with the target that
 * restores to just before it. The WAL is read on the instance's host, which holds the
 * repo's cipher pass, through a short workflow this request waits for.
 */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params, req }) => {
    const { from, to, kinds } = parseWalEventsQuery(req.nextUrl);
    const events = await findWalEvents(serviceDeps(), tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      from,
      to,
      ...(kinds ? { kinds } : {}),
    });
    const response: WalEventsResponse = {
      from,
      to,
      events: events.map(({ committedAt, ...e }) => ({ ...e, time: committedAt })),
    };
    return Response.json(response, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['instance:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
