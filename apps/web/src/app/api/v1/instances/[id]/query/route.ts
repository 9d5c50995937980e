import { runConsoleQuery } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { connectsAsOwner } from '@/server/instances/connect-as-owner';
import { serviceDeps } from '@/server/services';
import { consoleQueryBody } from '@/server/time-travel/time-travel-bodies';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/instances/{id}/query { sql } → 200 { instanceId, access, columns, rows, more }:
 * the read-only console. One query on the instance (a time-travel clone or the live one), as the
 * role the caller connects as, in a read-only transaction, at most 200 rows, 10 s; audited.
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req }) => {
    const body = await readJsonBody(req, consoleQueryBody);
    const result = await runConsoleQuery(serviceDeps(), tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      sql: body.sql,
      access: connectsAsOwner(principal, tenant) ? 'owner' : 'read_only',
      actor: auditActor(principal),
    });
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['instance:read'] },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
