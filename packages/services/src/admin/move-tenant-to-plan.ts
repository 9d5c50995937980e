import { AppError } from '@rewind/core';
import {
  isUuid,
  setTenantPlan,
  type AuditActor,
  type PlatformDb,
  type TenantPlanChange,
} from '@rewind/db';
import type { ServiceDeps } from '../service-deps';
import { startApplyTenantPlan } from '../tenancy/apply-tenant-plan';

/**
 * PATCH /api/v1/admin/tenants/{id}: moves a tenant to another plan, audited on the tenant's chain
 * (setTenantPlan runs its own transaction), then applies it to its instances; unchanged too, so a
 * repeat re-applies.
 */
export async function moveTenantToPlan(
  deps: ServiceDeps,
  platform: PlatformDb,
  input: { tenantId: string; planId: string; actor: AuditActor; requestedBy: string },
): Promise<TenantPlanChange> {
  if (!isUuid(input.tenantId)) throw new AppError('not_found', 'tenant not found');
  const change = await setTenantPlan(platform, input.tenantId, input.planId, input.actor);
  await startApplyTenantPlan(deps, input.tenantId, {
    requestedBy: input.requestedBy,
    reason: 'tenant.plan_changed',
  });
  return change;
}
