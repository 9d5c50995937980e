import {
  instanceNow,
  isRestorePhase,
  planRestore,
  type PlanCandidate,
  type RestoreTargetSpec,
} from '@rewind/core';
import {
  appendAuditEvent,
  appendRestorePhaseDuration,
  createInstanceRecord,
  eq,
  getInstance,
  getRestore,
  inTenantTx,
  instances,
  loadRestoreCatalog,
  readRestoreTimings,
  updateRestore,
  type RestorePatch,
} from '@rewind/db';
import { observeRestoreRecorded } from '@rewind/metrics';
import type { ActivityDeps } from '../deps';

export interface RestoreRun {
  target: RestoreTargetSpec;
  sourceInstanceId: string;
  hostId: string;
  /** region + backup that serve the target, preferred first (region A, then B) */
  candidates: PlanCandidate[];
}

export interface CloneRecord {
  cloneId: string;
  port: number;
}

const system = { type: 'system' as const, id: null };

function regionNames(deps: ActivityDeps): string[] {
  return [deps.engine.config.regions.a.name, deps.engine.config.regions.b.name];
}

/** Catalog-side steps of a restore (control-plane queue): planning, the restores row, the clone record. */
export function restoreRecordActivities(deps: ActivityDeps) {
  const tenantTx = <T>(tenantId: string, fn: Parameters<typeof inTenantTx<T>>[2]) =>
    inTenantTx(deps.db, { tenantId }, fn);

  return {
    /**
     * Re-plans against the catalog as it is now: the window may have moved since the request
     * (retention expired the backup, a region fell behind). Refusals are AppErrors, which the
     * workflow treats as final. A pinned region leaves no fallback candidate.
     */
    async planRestoreRun(input: {
      tenantId: string;
      restoreId: string;
      /** only this region serves (a drill proves one region): no fallback to another */
      pinnedRegion?: string;
    }): Promise<RestoreRun> {
      return tenantTx(input.tenantId, async (tx) => {
        const restore = await getRestore(tx, input.tenantId, input.restoreId);
        const source = await getInstance(tx, input.tenantId, restore.instanceId);
        const catalog = await loadRestoreCatalog(tx, input.tenantId, source.id, regionNames(deps));
        const plan = planRestore({
          target: restore.target as RestoreTargetSpec,
          ...catalog,
          // as pre-flight: a time target is a second on the instance's commit clock
          now: instanceNow(new Date(), source.clockSkewMs),
          timeZone: source.timezone,
          ...(input.pinnedRegion !== undefined ? { region: input.pinnedRegion } : {}),
        });
        // the region chosen at request time goes first; the others stay as fallbacks
        const candidates = [...plan.candidates].sort(
          (a, b) => Number(b.region === restore.region) - Number(a.region === restore.region),
        );
        return {
          target: plan.target,
          sourceInstanceId: source.id,
          hostId: source.hostId,
          candidates,
        };
      });
    },

    /** Phase, status, progress, checks of the restores row; optionally one audit event with it. */
    async recordRestore(input: {
      tenantId: string;
      restoreId: string;
      patch: Omit<RestorePatch, 'finishedAt'> & { finished?: boolean };
      audit?: { action: string; data?: Record<string, unknown> };
    }): Promise<void> {
      const { finished, ...patch } = input.patch;
      const now = new Date();
      const before = await tenantTx(input.tenantId, async (tx) => {
        const timings = await readRestoreTimings(tx, input.tenantId, input.restoreId);
        await updateRestore(tx, input.tenantId, input.restoreId, {
          ...patch,
          ...(finished ? { finishedAt: now } : {}),
          ...(patch.phase && patch.phase !== timings?.phase ? { phaseStartedAt: now } : {}),
        });
        // the phase that just ended, kept for the RTO-by-phase history (the metric's moment);
        // the first phase, validating, began with the request (its row has no phase start)
        const endedStartedAt =
          timings?.phaseStartedAt ?? (timings?.phase === 'validating' ? timings.requestedAt : null);
        if (
          timings &&
          endedStartedAt &&
          patch.phase &&
          patch.phase !== timings.phase &&
          isRestorePhase(timings.phase)
        )
          await appendRestorePhaseDuration(tx, input.tenantId, input.restoreId, {
            phase: timings.phase,
            seconds: Math.max(0, (now.getTime() - endedStartedAt.getTime()) / 1000),
          });
        if (input.audit)
          await appendAuditEvent(tx, {
            tenantId: input.tenantId,
            actor: system,
            action: input.audit.action,
            target: { type: 'restore', id: input.restoreId },
            data: input.audit.data ?? {},
          });
        return timings;
      });
      // after the commit: what is observed is what the row says
      if (deps.metrics && before)
        observeRestoreRecorded(deps.metrics, before, { ...patch, finished }, now);
    },

    /**
     * The clone's instance record (kind clone, port on the source's host). Idempotent: a retry
     * finds the record the first attempt linked to the restore.
     */
    async createCloneRecord(input: {
      tenantId: string;
      restoreId: string;
      expiresAt: string;
    }): Promise<CloneRecord> {
      return tenantTx(input.tenantId, async (tx) => {
        const restore = await getRestore(tx, input.tenantId, input.restoreId);
        if (restore.resultInstanceId) {
          const existing = await getInstance(tx, input.tenantId, restore.resultInstanceId, {
            includeDeleted: true,
          });
          if (existing.port === null)
            throw new Error(`invariant: clone ${existing.id} has no port`);
          return { cloneId: existing.id, port: existing.port };
        }
        const source = await getInstance(tx, input.tenantId, restore.instanceId);
        const clone = await createInstanceRecord(tx, {
          tenantId: input.tenantId,
          name: `${source.name.slice(0, 22).replace(/-+$/, '')}-restore-${restore.id.slice(0, 8)}`,
          secretKey: deps.secretKey,
          hostId: source.hostId,
          kind: 'clone',
          sourceInstanceId: source.id,
          expiresAt: new Date(input.expiresAt),
          ignorePlanLimit: true,
        });
        if (clone.port === null) throw new Error(`invariant: clone ${clone.id} has no port`);
        // the restored data holds the source's database and role; the clone gets its own password (set once restored)
        await tx
          .update(instances)
          .set({
            databaseName: source.databaseName,
            username: source.username,
            timezone: source.timezone,
            status: 'restoring',
            updatedAt: new Date(),
          })
          .where(eq(instances.id, clone.id));
        await updateRestore(tx, input.tenantId, restore.id, { resultInstanceId: clone.id });
        return { cloneId: clone.id, port: clone.port };
      });
    },

    async setCloneRecord(input: {
      tenantId: string;
      cloneId: string;
      status: 'running' | 'deleted' | 'failed';
      expiresAt?: string;
    }): Promise<void> {
      await tenantTx(input.tenantId, (tx) =>
        tx
          .update(instances)
          .set({
            status: input.status,
            ...(input.expiresAt ? { expiresAt: new Date(input.expiresAt) } : {}),
            updatedAt: new Date(),
          })
          .where(eq(instances.id, input.cloneId)),
      );
    },
  };
}
