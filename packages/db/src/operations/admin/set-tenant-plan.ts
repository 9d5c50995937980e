import { and, count, eq, ne } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { PlatformDb } from '../../platform-db';
import { appendAuditEvent, type AuditActor } from '../../audit/append-audit-event';
import { instances, plans, tenants, type ApprovalPolicy } from '../../schema';

export interface TenantPlanChange {
  tenantId: string;
  from: string;
  to: string;
  /** set when the new plan forced a stricter approval policy */
  approvalPolicy: { from: ApprovalPolicy; to: ApprovalPolicy } | null;
  changed: boolean;
}

/**
 * Moves a tenant to another plan and records it on the tenant's own chain (the tenant sees
 * who changed its plan). A plan that cannot hold the tenant as it is (retention above the
 * plan's maximum, more live instances than allowed) is refused: shrinking retention expires
 * backups, which must be a deliberate step. A plan that requires approval for every restore
 * tightens the tenant's policy with it.
 */
export async function setTenantPlan(
  db: PlatformDb,
  tenantId: string,
  planId: string,
  actor: AuditActor,
): Promise<TenantPlanChange> {
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
    if (!tenant) throw new AppError('not_found', 'tenant not found');
    const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
    if (!plan)
      throw new AppError('validation_failed', `unknown plan ${planId}`, { field: 'planId' });
    if (tenant.planId === planId)
      return { tenantId, from: planId, to: planId, approvalPolicy: null, changed: false };

    if (tenant.retentionDays > plan.retentionDaysMax) {
      throw new AppError(
        'limit_exceeded',
        `the tenant keeps ${tenant.retentionDays} days; the ${plan.name} plan allows at most ${plan.retentionDaysMax}`,
        {
          field: 'planId',
          retentionDays: tenant.retentionDays,
          max: plan.retentionDaysMax,
        },
      );
    }
    const [live] = await tx
      .select({ n: count() })
      .from(instances)
      .where(and(eq(instances.tenantId, tenantId), ne(instances.status, 'deleted')));
    if ((live?.n ?? 0) > plan.maxInstances) {
      throw new AppError(
        'limit_exceeded',
        `the tenant runs ${live!.n} instances; the ${plan.name} plan allows ${plan.maxInstances}`,
        {
          field: 'planId',
          instances: live!.n,
          max: plan.maxInstances,
        },
      );
    }
    const tighten = plan.approvalForAllRestores && tenant.approvalPolicy !== 'all_restores';
    await tx
      .update(tenants)
      .set({ planId, ...(tighten ? { approvalPolicy: 'all_restores' as const } : {}) })
      .where(eq(tenants.id, tenantId));
    const approvalPolicy = tighten
      ? { from: tenant.approvalPolicy, to: 'all_restores' as const }
      : null;
    await appendAuditEvent(tx, {
      tenantId,
      actor,
      action: 'tenant.plan_changed',
      target: { type: 'tenant', id: tenantId },
      data: {
        from: tenant.planId,
        to: planId,
        ...(approvalPolicy ? { approvalPolicy } : {}),
        viaPlatformAdmin: true,
      },
    });
    return { tenantId, from: tenant.planId, to: planId, approvalPolicy, changed: true };
  });
}
