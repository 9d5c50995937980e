import { listPlanTenantIds, updatePlan } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { planLimitsBody } from '@/server/admin/plan-body';
import { requirePlatformPermission } from '@/server/admin/require-platform-permission';
import { toAdminPlan } from '@/server/admin/admin-views';
import { auditActor } from '@/server/audit/audit-actor';
import { startApplyTenantPlan } from '@/server/tenancy/start-apply-tenant-plan';

export const dynamic = 'force-dynamic';

// limits that reach running instances (retention only through tenants' own, bounded by the max)
const DATA_PLANE_FIELDS = [
  'archiveTimeoutSeconds',
  'fullBackupEverySeconds',
  'diffBackupEverySeconds',
  'incrBackupEverySeconds',
  'retentionDaysMax',
] as const;

/** Edits a plan's limits (`plan:manage`), audited on the platform chain, then applies them to the plan's tenants' instances. */
export const PATCH = withPlatformAdmin<{ id: string }>(async ({ db, principal, params, req }) => {
  requirePlatformPermission(principal, 'plan:manage');
  const body = await readJsonBody(req, planLimitsBody);
  const change = await updatePlan(db, params.id, body, auditActor(principal));
  // committed (updatePlan runs its own transaction); every tenant on the plan gets it applied
  if (DATA_PLANE_FIELDS.some((f) => body[f] !== undefined)) {
    for (const tenantId of await listPlanTenantIds(db, params.id))
      await startApplyTenantPlan(tenantId, { requestedBy: principal.userId, reason: 'plan.updated' });
  }
  return Response.json({ plan: toAdminPlan(change.after), changed: change.changed }, { headers: { 'cache-control': 'no-store' } });
});
