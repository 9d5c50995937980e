import { updatePlanLimits } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { planLimitsBody } from '@/server/admin/plan-body';
import { requirePlatformPermission } from '@/server/admin/require-platform-permission';
import { toAdminPlan } from '@/server/admin/admin-views';
import { auditActor } from '@/server/audit/audit-actor';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Edits a plan's limits (`plan:manage`), audited on the platform chain, then applies them to the plan's tenants' instances. */
export const PATCH = withPlatformAdmin<{ id: string }>(async ({ db, principal, params, req }) => {
  requirePlatformPermission(principal, 'plan:manage');
  const body = await readJsonBody(req, planLimitsBody);
  const change = await updatePlanLimits(serviceDeps(), db, {
    planId: params.id,
    patch: body,
    actor: auditActor(principal),
    requestedBy: principal.userId,
  });
  return Response.json(
    { plan: toAdminPlan(change.after), changed: change.changed },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['PATCH']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
