import { eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { plans, tenants } from '../schema';

export interface InstancePlan {
  planId: string;
  archiveTimeoutSeconds: number;
  fullBackupEverySeconds: number;
  diffBackupEverySeconds: number | null;
  incrBackupEverySeconds: number | null;
  drillEverySeconds: number;
  /** every Nth drill targets the oldest restorable second (null: never) */
  drillOldestEvery: number | null;
  /** the tenant's retention, bounded by what the plan allows */
  retentionDays: number;
  /** plan name, for messages */
  planName: string;
  /** a clone lives at most this many hours after it was made (Extend TTL stops there) */
  cloneTtlHoursMax: number;
}

/** What the tenant's plan asks of the data plane: archive_timeout, backup and drill cadence, retention. */
export async function getInstancePlan(tx: Tx, tenantId: string): Promise<InstancePlan> {
  const [row] = await tx
    .select({
      planId: plans.id,
      archiveTimeoutSeconds: plans.archiveTimeoutSeconds,
      fullBackupEverySeconds: plans.fullBackupEverySeconds,
      diffBackupEverySeconds: plans.diffBackupEverySeconds,
      incrBackupEverySeconds: plans.incrBackupEverySeconds,
      drillEverySeconds: plans.drillEverySeconds,
      drillOldestEvery: plans.drillOldestEvery,
      retentionDaysMax: plans.retentionDaysMax,
      retentionDays: tenants.retentionDays,
      planName: plans.name,
      cloneTtlHoursMax: plans.cloneTtlHoursMax,
    })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId));
  if (!row) throw new AppError('not_found', 'tenant not found');
  const { retentionDaysMax, ...rest } = row;
  return { ...rest, retentionDays: Math.max(1, Math.min(row.retentionDays, retentionDaysMax)) };
}
