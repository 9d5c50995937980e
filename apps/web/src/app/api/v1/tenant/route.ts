import { getTenantSettings } from '@rewind/db';
import { changeTenantSettings, startApplyTenantPlan } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { serviceDeps } from '@/server/services';
import { tenantPatchBody, toTenantView } from '@/server/tenancy/tenant-settings';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) =>
    Response.json(toTenantView(await getTenantSettings(tx, tenant.tenantId)), {
      headers: { 'cache-control': 'no-store' },
    }),
  { permissions: ['instance:read'] },
);

/** Retention (bounded by the plan: 422 with the bound) and approval policy; owners and admins. */
export const PATCH = withTenant(
  async ({ tx, tenant, principal, req, afterCommit }) => {
    const body = await readJsonBody(req, tenantPatchBody);
    const change = await changeTenantSettings(tx, {
      tenantId: tenant.tenantId,
      patch: body,
      actor: auditActor(principal),
      requestedBy: principal.userId,
    });
    // retention reaches every instance's expiry and pgbackrest.conf
    const applyPlan = change.applyPlan;
    if (applyPlan)
      afterCommit(() => startApplyTenantPlan(serviceDeps(), tenant.tenantId, applyPlan));
    return Response.json(toTenantView(change.after), { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['retention:update'] },
);

const notAllowed = methodNotAllowed(['GET', 'PATCH']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
