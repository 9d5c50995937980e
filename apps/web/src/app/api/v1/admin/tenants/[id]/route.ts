import { AppError } from '@rewind/core';
import { isUuid } from '@rewind/db';
import { moveTenantToPlan } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { tenantPlanBody } from '@/server/admin/plan-body';
import { requirePlatformPermission } from '@/server/admin/require-platform-permission';
import { auditActor } from '@/server/audit/audit-actor';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Moves a tenant to another plan (`plan:manage`), audited on the tenant's chain, then applies it to its instances. */
export const PATCH = withPlatformAdmin<{ id: string }>(async ({ db, principal, params, req }) => {
  requirePlatformPermission(principal, 'plan:manage');
  // an id that is not a UUID is an unknown tenant, before the body is even read
  if (!isUuid(params.id)) throw new AppError('not_found', 'tenant not found');
  const body = await readJsonBody(req, tenantPlanBody);
  const change = await moveTenantToPlan(serviceDeps(), db, {
    tenantId: params.id,
    planId: body.planId,
    actor: auditActor(principal),
    requestedBy: principal.userId,
  });
  return Response.json(change, { headers: { 'cache-control': 'no-store' } });
});

const notAllowed = methodNotAllowed(['PATCH']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
