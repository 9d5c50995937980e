import { appendAuditEvent, createApiTokenRecord, listApiTokens } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { createTokenBody, toTokenView } from '@/server/tenancy/token-view';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) =>
    Response.json((await listApiTokens(tx, tenant.tenantId)).map(toTokenView), { headers: { 'cache-control': 'no-store' } }),
  { permissions: ['token:manage'] },
);

/** Creates a token for the caller; the secret is in this response and nowhere else, ever. */
export const POST = withTenant(
  async ({ tx, tenant, principal, req }) => {
    const body = await readJsonBody(req, createTokenBody);
    const created = await createApiTokenRecord(tx, {
      tenantId: tenant.tenantId,
      userId: principal.userId,
      name: body.name,
      scopes: body.scopes ?? [],
    });
    await appendAuditEvent(tx, {
      tenantId: tenant.tenantId,
      actor: auditActor(principal),
      action: 'token.created',
      target: { type: 'token', id: created.id },
      data: { name: created.name, prefix: created.displayPrefix, scopes: body.scopes ?? [] },
    });
    return Response.json(
      { id: created.id, name: created.name, prefix: created.displayPrefix, token: created.token, createdAt: created.createdAt.toISOString() },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['token:manage'] },
);
