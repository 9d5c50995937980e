import { and, count, eq, gt, ne } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { PlatformDb } from '../../platform-db';
import { appendAuditEvent, type AuditActor } from '../../audit/append-audit-event';
import { instances, plans, tenants } from '../../schema';
import type { PlanRow } from './list-plans';

export interface PlanLimitsPatch {
  retentionDaysMax?: number;
  fullBackupEverySeconds?: number;
  /** null: no differential backups on this plan */
  diffBackupEverySeconds?: number | null;
  incrBackupEverySeconds?: number | null;
  archiveTimeoutSeconds?: number;
  maxInstances?: number;
  cloneTtlHoursMax?: number;
  drillEverySeconds?: number;
  /** null: no drill targets the oldest second on this plan */
  drillOldestEvery?: number | null;
}

const FIELDS = [
  'retentionDaysMax',
  'fullBackupEverySeconds',
  'diffBackupEverySeconds',
  'incrBackupEverySeconds',
  'archiveTimeoutSeconds',
  'maxInstances',
  'cloneTtlHoursMax',
  'drillEverySeconds',
  'drillOldestEvery',
] as const satisfies readonly (keyof PlanLimitsPatch)[];

export interface PlanChange {
  before: PlanRow;
  after: PlanRow;
  changed: Partial<Record<keyof PlanLimitsPatch, { from: unknown; to: unknown }>>;
}

/**
 * Edits a plan's limits and records it on the platform audit chain in the same transaction.
 * Shapes and ranges are the caller's schema; the rules that need the stored plan or its
 * tenants are here: the cadences must nest (incr < diff < full), and a limit may not drop
 * below what a tenant on the plan already uses (lowering retention under a tenant would
 * silently expire its backups; that is a per-tenant decision, not a catalogue edit).
 */
export async function updatePlan(
  db: PlatformDb,
  planId: string,
  patch: PlanLimitsPatch,
  actor: AuditActor,
): Promise<PlanChange> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(plans).where(eq(plans.id, planId)).for('update');
    if (!before) throw new AppError('not_found', 'plan not found');
    const next: PlanRow = { ...before };
    for (const key of FIELDS)
      if (patch[key] !== undefined) Object.assign(next, { [key]: patch[key] });

    const full = next.fullBackupEverySeconds;
    const diff = next.diffBackupEverySeconds;
    const incr = next.incrBackupEverySeconds;
    if (diff !== null && diff >= full) {
      throw new AppError(
        'validation_failed',
        'differential cadence must be shorter than the full cadence',
        { field: 'diffBackupEverySeconds' },
      );
    }
    if (incr !== null && incr >= (diff ?? full)) {
      throw new AppError(
        'validation_failed',
        `incremental cadence must be shorter than the ${diff !== null ? 'differential' : 'full'} cadence`,
        {
          field: 'incrBackupEverySeconds',
        },
      );
    }

    if (next.retentionDaysMax < before.retentionDaysMax) {
      const [over] = await tx
        .select({ n: count() })
        .from(tenants)
        .where(and(eq(tenants.planId, planId), gt(tenants.retentionDays, next.retentionDaysMax)));
      if ((over?.n ?? 0) > 0) {
        throw new AppError(
          'conflict',
          `${over!.n} tenant(s) on this plan keep more than ${next.retentionDaysMax} days; lower their retention or move them first`,
          {
            field: 'retentionDaysMax',
            tenants: over!.n,
          },
        );
      }
    }
    if (next.maxInstances < before.maxInstances) {
      const rows = await tx
        .select({ tenantId: instances.tenantId, n: count() })
        .from(instances)
        .innerJoin(tenants, eq(tenants.id, instances.tenantId))
        .where(and(eq(tenants.planId, planId), ne(instances.status, 'deleted')))
        .groupBy(instances.tenantId);
      const over = rows.filter((r) => r.n > next.maxInstances).length;
      if (over > 0) {
        throw new AppError(
          'conflict',
          `${over} tenant(s) on this plan run more than ${next.maxInstances} instances`,
          {
            field: 'maxInstances',
            tenants: over,
          },
        );
      }
    }

    const changed: PlanChange['changed'] = {};
    for (const key of FIELDS)
      if (next[key] !== before[key]) changed[key] = { from: before[key], to: next[key] };
    if (Object.keys(changed).length === 0) return { before, after: before, changed };

    const [after] = await tx
      .update(plans)
      .set(
        Object.fromEntries(Object.keys(changed).map((k) => [k, next[k as keyof PlanLimitsPatch]])),
      )
      .where(eq(plans.id, planId))
      .returning();
    if (!after) throw new Error('invariant: plan update returned no row');
    // the catalogue is not any one tenant's: it goes on the platform chain (tenant_id null)
    await appendAuditEvent(tx, {
      tenantId: null,
      actor,
      action: 'plan.updated',
      target: { type: 'plan', id: planId },
      data: { changed },
    });
    return { before, after, changed };
  });
}
