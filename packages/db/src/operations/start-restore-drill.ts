import { randomInt, randomUUID } from 'node:crypto';
import { AppError, drillSlot, pickDrillTarget, type DrillTargetKind } from '@rewind/core';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { appendAuditEvent } from '../audit/append-audit-event';
import { backups, restoreDrills, restores, type RestoreDrillTrigger } from '../schema';
import { getInstance } from './get-instance';
import { getInstancePlan } from './get-instance-plan';
import { getInstanceWindow } from './get-instance-window';
import { preflightRestore } from './preflight-restore';

export interface StartRestoreDrillOptions {
  tenantId: string;
  instanceId: string;
  /** the drill workflow's id: one drill row per workflow, so a retried activity finds its row */
  workflowId: string;
  trigger: RestoreDrillTrigger;
  /** region names, region A first */
  regions: readonly string[];
  /**
   * drill this region (a new instance's first drills: one per region). Without it the drill
   * takes the next slot of the instance's sequence: regions alternate, every Nth is the oldest.
   */
  region?: string;
  /**
   * restore to this second instead of drawing one (an operator re-proving a range, or
   * reproducing a failure); it must be inside the region's window like any restore target
   */
  targetTime?: string;
  /** ids of the clone restore this drill runs (the workflow makes them, so a replay keeps them) */
  restoreId: string;
  restoreWorkflowId: string;
  now?: Date;
  /** an integer in [0, n); crypto.randomInt unless a test pins it */
  randomBelow?: (n: number) => number;
}

export interface StartedRestoreDrill {
  drillId: string;
  /** null when planning refused the drill (no window yet, instance not running): the drill failed */
  restoreId: string | null;
  restoreWorkflowId: string | null;
  hostId: string | null;
  /** the region the restore is pinned to (no fallback); null when the drill could not be planned */
  region: string | null;
  error: string | null;
}

/**
 * Records a drill and the clone restore it runs (restores row + audit). The drill is pinned to
 * one region and restores to a uniformly random second of that region's window (or its oldest
 * second, every Nth drill), planned like any restore request but only against that region.
 * Planning refusals are recorded on the drill as its failure, not thrown: a drill that cannot
 * even start is exactly what drills exist to surface.
 */
export async function startRestoreDrill(
  tx: Tx,
  options: StartRestoreDrillOptions,
): Promise<StartedRestoreDrill> {
  const [existing] = await tx
    .select()
    .from(restoreDrills)
    .where(
      and(
        tenantWhere(restoreDrills, options.tenantId),
        eq(restoreDrills.workflowId, options.workflowId),
      ),
    )
    .limit(1);
  if (existing) {
    const [restore] = existing.restoreId
      ? await tx.select().from(restores).where(eq(restores.id, existing.restoreId)).limit(1)
      : [];
    return {
      drillId: existing.id,
      restoreId: existing.restoreId,
      restoreWorkflowId: restore?.workflowId ?? null,
      hostId: restore ? (await getInstance(tx, options.tenantId, options.instanceId)).hostId : null,
      region: restore ? existing.region : null,
      error: existing.error,
    };
  }

  // phase: which region and which kind of target (the slot)
  let sequence: number | null = null;
  let region: string;
  let kind: DrillTargetKind;
  if (options.region !== undefined) {
    if (!options.regions.includes(options.region))
      throw new AppError(
        'validation_failed',
        `unknown region ${JSON.stringify(options.region)}; drills run in ${options.regions.join(' and ')}`,
      );
    region = options.region;
    kind = options.targetTime !== undefined ? 'chosen' : 'random';
  } else {
    const [done] = await tx
      .select({ n: count() })
      .from(restoreDrills)
      .where(
        and(
          tenantWhere(restoreDrills, options.tenantId),
          eq(restoreDrills.instanceId, options.instanceId),
          isNotNull(restoreDrills.sequence),
        ),
      );
    sequence = done?.n ?? 0;
    const plan = await getInstancePlan(tx, options.tenantId);
    ({ region, kind } = drillSlot(sequence, options.regions, plan.drillOldestEvery));
    if (options.targetTime !== undefined) kind = 'chosen';
  }

  const drillId = randomUUID();
  await tx.insert(restoreDrills).values({
    id: drillId,
    tenantId: options.tenantId,
    instanceId: options.instanceId,
    workflowId: options.workflowId,
    trigger: options.trigger,
    status: 'running',
    region,
    targetKind: kind,
    sequence,
  });

  // phase: the target, inside the region's window, and the plan pinned to that region
  let planned;
  try {
    const { windows } = await getInstanceWindow(tx, options.tenantId, options.instanceId, {
      regions: options.regions,
      ...(options.now ? { now: options.now } : {}),
    });
    const window = windows.find((w) => w.region === region);
    const target =
      options.targetTime !== undefined
        ? { time: options.targetTime }
        : window && kind !== 'chosen'
          ? pickDrillTarget(window, kind, options.randomBelow ?? ((n) => randomInt(n)))
          : null;
    if (!target)
      throw new AppError(
        'target_before_window',
        `nothing is restorable in ${region} yet: no backup has finished there with its WAL archived`,
      );
    planned = await preflightRestore(tx, {
      tenantId: options.tenantId,
      instanceId: options.instanceId,
      regions: options.regions,
      body: { target: { time: target.time }, mode: 'clone', region },
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await tx
      .update(restoreDrills)
      .set({
        status: 'failed',
        error: `${err.code}: ${err.message}`,
        failedCheck: 'planning',
        finishedAt: new Date(),
      })
      .where(eq(restoreDrills.id, drillId));
    await appendAuditEvent(tx, {
      tenantId: options.tenantId,
      actor: { type: 'system' },
      action: 'drill.failed',
      target: { type: 'instance', id: options.instanceId },
      data: { drillId, region, error: err.message },
    });
    return {
      drillId,
      restoreId: null,
      restoreWorkflowId: null,
      hostId: null,
      region: null,
      error: err.message,
    };
  }

  const { instance, plan } = planned;
  if (plan.region !== region)
    throw new Error(`invariant: a drill pinned to ${region} was planned in ${plan.region}`);
  const [backup] = await tx
    .select({ stoppedAt: backups.stoppedAt })
    .from(backups)
    .where(
      and(
        tenantWhere(backups, options.tenantId),
        eq(backups.instanceId, instance.id),
        eq(backups.region, region),
        eq(backups.label, plan.backupLabel),
      ),
    )
    .limit(1);
  const { restoreId, restoreWorkflowId } = options;
  await tx.insert(restores).values({
    id: restoreId,
    tenantId: options.tenantId,
    instanceId: instance.id,
    requestedBy: null,
    workflowId: restoreWorkflowId,
    target: plan.target,
    mode: 'clone',
    region,
    status: 'running',
    phase: 'validating',
  });
  await tx
    .update(restoreDrills)
    .set({
      restoreId,
      target: plan.target,
      backupLabel: plan.backupLabel,
      backupStoppedAt: backup?.stoppedAt ?? null,
    })
    .where(eq(restoreDrills.id, drillId));
  await appendAuditEvent(tx, {
    tenantId: options.tenantId,
    actor: { type: 'system' },
    action: 'drill.started',
    target: { type: 'instance', id: instance.id },
    data: {
      drillId,
      restoreId,
      trigger: options.trigger,
      target: plan.target,
      targetKind: kind,
      region,
      backup: plan.backupLabel,
    },
  });
  return { drillId, restoreId, restoreWorkflowId, hostId: instance.hostId, region, error: null };
}
