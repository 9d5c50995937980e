import { randomUUID } from 'node:crypto';
import { AppError, type RestorePlan } from '@rewind/core';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { appendAuditEvent } from '../audit/append-audit-event';
import { restoreDrills, restores } from '../schema';
import { getInstance } from './get-instance';
import { preflightRestore } from './preflight-restore';

export interface StartRestoreDrillOptions {
  tenantId: string;
  instanceId: string;
  /** the drill workflow's id: one drill row per workflow, so a retried activity finds its row */
  workflowId: string;
  trigger: 'schedule' | 'manual';
  /** region names, region A first */
  regions: readonly string[];
  /** ids of the clone restore this drill runs (the workflow makes them, so a replay keeps them) */
  restoreId: string;
  restoreWorkflowId: string;
  now?: Date;
}

export interface StartedRestoreDrill {
  drillId: string;
  /** null when planning refused the drill (no window yet, instance not running): the drill failed */
  restoreId: string | null;
  restoreWorkflowId: string | null;
  hostId: string | null;
  error: string | null;
}

/** The newest archived commit, to the second: recent, and inside the window by construction. */
function drillTarget(plan: RestorePlan): { time: string } | null {
  if (!plan.targetUtc) return null;
  const ms = Math.floor(Date.parse(plan.targetUtc) / 1000) * 1000;
  return { time: new Date(ms).toISOString() };
}

/**
 * Records a drill and the clone restore it runs (restores row + audit), planned like any
 * restore request. Planning refusals are recorded on the drill as its failure, not thrown:
 * a drill that cannot even start is exactly what drills exist to surface.
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
      error: existing.error,
    };
  }

  const drillId = randomUUID();
  await tx.insert(restoreDrills).values({
    id: drillId,
    tenantId: options.tenantId,
    instanceId: options.instanceId,
    workflowId: options.workflowId,
    trigger: options.trigger,
    status: 'running',
  });
  const base = {
    tenantId: options.tenantId,
    instanceId: options.instanceId,
    regions: options.regions,
    ...(options.now ? { now: options.now } : {}),
  };
  let planned;
  try {
    const latest = await preflightRestore(tx, {
      ...base,
      body: { target: 'latest', mode: 'clone' },
    });
    const target = drillTarget(latest.plan);
    planned = target
      ? await preflightRestore(tx, {
          ...base,
          body: { target: { time: target.time }, mode: 'clone' },
        }).catch((err: unknown) => {
          // a second-rounded time can fall just outside a window that ends on that very second
          if (err instanceof AppError) return latest;
          throw err;
        })
      : latest;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await tx
      .update(restoreDrills)
      .set({ status: 'failed', error: `${err.code}: ${err.message}`, finishedAt: new Date() })
      .where(eq(restoreDrills.id, drillId));
    await appendAuditEvent(tx, {
      tenantId: options.tenantId,
      actor: { type: 'system' },
      action: 'drill.failed',
      target: { type: 'instance', id: options.instanceId },
      data: { drillId, error: err.message },
    });
    return { drillId, restoreId: null, restoreWorkflowId: null, hostId: null, error: err.message };
  }

  const { instance, plan } = planned;
  const { restoreId, restoreWorkflowId } = options;
  await tx.insert(restores).values({
    id: restoreId,
    tenantId: options.tenantId,
    instanceId: instance.id,
    requestedBy: null,
    workflowId: restoreWorkflowId,
    target: plan.target,
    mode: 'clone',
    region: plan.region,
    status: 'running',
    phase: 'validating',
  });
  await tx
    .update(restoreDrills)
    .set({ restoreId, target: plan.target, region: plan.region })
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
      region: plan.region,
      backup: plan.backupLabel,
    },
  });
  return { drillId, restoreId, restoreWorkflowId, hostId: instance.hostId, error: null };
}
