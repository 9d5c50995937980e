import { AppError } from '@rewind/core';
import { isUuid, setTenantPlan } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { tenantPlanBody } from '@/server/admin/plan-body';
import { requirePlatformPermission } from '@/server/admin/require-platform-permission';
import { auditActor } from '@/server/audit/audit-actor';

export const dynamic = 'force-dynamic';

/** Moves a tenant to another plan (`plan:manage`), audited on the tenant's chain. */
export const PATCH = withPlatformAdmin<{ id: string }>(async ({ db, principal, params, req }) => {
  requirePlatformPermission(principal, 'plan:manage');
  if (!isUuid(params.id)) throw new AppError('not_found', 'tenant not found');
  const body = await readJsonBody(req, tenantPlanBody);
  const change = await setTenantPlan(db, params.id, body.planId, auditActor(principal));
  return Response.json(change, { headers: { 'cache-control': 'no-store' } });
});
