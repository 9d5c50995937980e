import { getInstance, instanceCredentials, recordPasswordReveal } from '@rewind/db';
import { AppError } from '@rewind/core';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { env } from '@/server/env';
import { connectsAsOwner } from '@/server/instances/connect-as-owner';
import { instanceHost } from '@/server/instances/instance-host';
import { revealPasswordBody } from '@/server/instances/instance-bodies';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/instances/{id}/password → 200 the credentials (with the password) of the role the
 * caller connects as: owners and admins the owner role, members the read-only role. Each call is
 * audited `instance.password_revealed`; the instance views never carry the password. A POST, so
 * no prefetch or cache ever fetches it by accident.
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req }) => {
    if (req.headers.get('content-type')) await readJsonBody(req, revealPasswordBody);
    const row = await getInstance(tx, tenant.tenantId, params.id);
    const credentials = instanceCredentials(row, {
      asOwner: connectsAsOwner(principal, tenant),
      secretKey: env().REWIND_SECRET_KEY,
      host: instanceHost(),
    });
    if (!credentials)
      throw new AppError(
        'conflict',
        `the read-only role of ${row.name} is not set up yet; it appears once the instance has been started or its plan applied`,
      );
    await recordPasswordReveal(tx, {
      tenantId: tenant.tenantId,
      instanceId: row.id,
      actor: auditActor(principal),
      access: credentials.access,
    });
    return Response.json(credentials, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['instance:read'] },
);
