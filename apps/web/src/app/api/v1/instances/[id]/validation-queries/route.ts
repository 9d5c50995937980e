import { createValidationQuery, listValidationQueries } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import {
  createValidationQueryBody,
  toValidationQueryView,
} from '@/server/instances/validation-query-view';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** GET /api/v1/instances/{id}/validation-queries → the tenant's checks run on every restored copy, in run order. */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params }) => {
    // another tenant's instance is not_found like any unknown id (RLS hides it)
    const rows = await listValidationQueries(tx, tenant.tenantId, params.id);
    return Response.json(rows.map(toValidationQueryView), {
      headers: { 'cache-control': 'no-store' },
    });
  },
  { permissions: ['instance:read'] },
);

/**
 * POST /api/v1/instances/{id}/validation-queries `{ name, sql, expectation? }` → 201 (owners and
 * admins). 400 for SQL that is not one read-only query, 409 for a taken name or a full instance.
 */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req }) => {
    const body = await readJsonBody(req, createValidationQueryBody);
    const row = await createValidationQuery(tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      actor: auditActor(principal),
      name: body.name,
      sql: body.sql,
      expectation: body.expectation,
    });
    return Response.json(toValidationQueryView(row), {
      status: 201,
      headers: { 'cache-control': 'no-store' },
    });
  },
  { permissions: ['validation:manage'] },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
