import { eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { plans, tenants, type ApprovalPolicy } from '../schema';

export interface TenantSettings {
  id: string;
  slug: string;
  name: string;
  retentionDays: number;
  approvalPolicy: ApprovalPolicy;
  timezone: string;
  plan: {
    id: string;
    name: string;
    retentionDaysMax: number;
    approvalForAllRestores: boolean;
    /** primary instances only: clones made by restores do not count (createInstanceRecord) */
    maxInstances: number;
  };
}

/** The tenant row with the plan bounds a settings form needs. */
export async function getTenantSettings(tx: Tx, tenantId: string): Promise<TenantSettings> {
  const [row] = await tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      retentionDays: tenants.retentionDays,
      approvalPolicy: tenants.approvalPolicy,
      timezone: tenants.timezone,
      planId: plans.id,
      planName: plans.name,
      retentionDaysMax: plans.retentionDaysMax,
      approvalForAllRestores: plans.approvalForAllRestores,
      maxInstances: plans.maxInstances,
    })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId))
    .limit(1);
  if (!row || row.id !== tenantId) throw new AppError('not_found', 'tenant not found');
  const { planId, planName, retentionDaysMax, approvalForAllRestores, maxInstances, ...tenant } =
    row;
  return {
    ...tenant,
    plan: { id: planId, name: planName, retentionDaysMax, approvalForAllRestores, maxInstances },
  };
}
