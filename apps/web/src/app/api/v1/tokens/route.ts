import { listApiTokens } from '@rewind/db';
import { createToken } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { createTokenBody, toTokenView } from '@/server/tenancy/token-view';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) =>
    Response.json((await listApiTokens(tx, tenant.tenantId)).map(toTokenView), {
      headers: { 'cache-control': 'no-store' },
    }),
  { permissions: ['token:manage'] },
);

/** Creates a token for the caller; the secret is in this response and nowhere else, ever. */
export const POST = withTenant(
  async ({ tx, tenant, principal, req }) => {
    const body = await readJsonBody(req, createTokenBody);
    const created = await createToken(tx, {
      tenantId: tenant.tenantId,
      userId: principal.userId,
      name: body.name,
      scopes: body.scopes ?? [],
      actor: auditActor(principal),
    });
    return Response.json(
      {
        id: created.id,
        name: created.name,
        prefix: created.displayPrefix,
        token: created.token,
        createdAt: created.createdAt.toISOString(),
      },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['token:manage'] },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
