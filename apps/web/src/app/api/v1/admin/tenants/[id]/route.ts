import { AppError } from '@rewind/core';
import { isUuid, setTenantPlan } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { tenantPlanBody } from '@/server/admin/plan-body';
import { requirePlatformPermission } from '@/server/admin/require-platform-permission';
import { auditActor } from '@/server/audit/audit-actor';
import { startApplyTenantPlan } from '@/server/tenancy/start-apply-tenant-plan';

export const dynamic = 'force-dynamic';

/** Moves a tenant to another plan (`plan:manage`), audited on the tenant's chain, then applies it to its instances. */
export const PATCH = withPlatformAdmin<{ id: string }>(async ({ db, principal, params, req }) => {
  requirePlatformPermission(principal, 'plan:manage');
  if (!isUuid(params.id)) throw new AppError('not_found', 'tenant not found');
  const body = await readJsonBody(req, tenantPlanBody);
  const change = await setTenantPlan(db, params.id, body.planId, auditActor(principal));
  // committed (setTenantPlan runs its own transaction); unchanged too, so a repeat re-applies
  await startApplyTenantPlan(params.id, { requestedBy: principal.userId, reason: 'tenant.plan_changed' });
  return Response.json(change, { headers: { 'cache-control': 'no-store' } });
});
