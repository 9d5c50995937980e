import {
  listPlanTenantIds,
  updatePlan,
  type AuditActor,
  type PlanChange,
  type PlanLimitsPatch,
  type PlatformDb,
} from '@rewind/db';
import type { ServiceDeps } from '../service-deps';
import { startApplyTenantPlan } from '../tenancy/apply-tenant-plan';

// limits that reach running instances (retention only through tenants' own, bounded by the max)
const DATA_PLANE_FIELDS = [
  'archiveTimeoutSeconds',
  'fullBackupEverySeconds',
  'diffBackupEverySeconds',
  'incrBackupEverySeconds',
  'retentionDaysMax',
  'drillEverySeconds',
] as const;

/**
 * PATCH /api/v1/admin/plans/{id}: a plan's limits, audited on the platform chain (updatePlan
 * runs its own transaction); once committed, every tenant on the plan gets them applied when a
 * data-plane limit was given.
 */
export async function updatePlanLimits(
  deps: ServiceDeps,
  platform: PlatformDb,
  input: { planId: string; patch: PlanLimitsPatch; actor: AuditActor; requestedBy: string },
): Promise<PlanChange> {
  const change = await updatePlan(platform, input.planId, input.patch, input.actor);
  if (DATA_PLANE_FIELDS.some((f) => input.patch[f] !== undefined)) {
    for (const tenantId of await listPlanTenantIds(platform, input.planId))
      await startApplyTenantPlan(deps, tenantId, {
        requestedBy: input.requestedBy,
        reason: 'plan.updated',
      });
  }
  return change;
}
