import {
  DASHBOARD_RANGES,
  dashboardRangeStart,
  type DashboardRange,
  type RestoreTargetSpec,
  type TimeRange,
} from '@rewind/core';
import {
  getInstance,
  getInstanceWindow,
  listRestoreDrills,
  readRecoveryPointTrend,
  type Tx,
} from '@rewind/db';

/** How many of the newest drills the instance page draws. */
export const DASHBOARD_DRILLS = 12;

export interface RecoveryPointAgePoint {
  /** start of the bucket, RFC 3339 UTC */
  at: string;
  region: string;
  /** the worst recovery point age sampled in the bucket; null: nothing was restorable there */
  maxAgeSeconds: number | null;
}

export interface DashboardDrill {
  id: string;
  region: string | null;
  status: 'running' | 'succeeded' | 'failed';
  targetKind: string | null;
  /** the instant the drill restored to, when its target is a time */
  targetTime: string | null;
  backupLabel: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationSeconds: number | null;
  failedCheck: string | null;
}

export interface RegionCoverage {
  region: string;
  earliest: string | null;
  latest: string | null;
  verified: TimeRange[];
  verifiedFraction: number | null;
}

/** The instance page's recoverability charts: the tenant's own instance only (RLS). */
export interface InstanceRecoverabilityDashboard {
  range: DashboardRange;
  from: string;
  to: string;
  bucketSeconds: number;
  regions: string[];
  recoveryPointAge: RecoveryPointAgePoint[];
  /** newest first */
  drills: DashboardDrill[];
  coverage: RegionCoverage[];
}

function targetTime(target: RestoreTargetSpec | null): string | null {
  return target && 'time' in target && typeof target.time === 'string' ? target.time : null;
}

/**
 * Reads the instance's recovery point age trend (the samples written at each catalog sync), its
 * newest drills and what they verified, in the caller's tenant transaction: another tenant's
 * instance is not_found like any unknown id.
 */
export async function readInstanceRecoverabilityDashboard(
  tx: Tx,
  input: {
    tenantId: string;
    instanceId: string;
    range: DashboardRange;
    regions: readonly string[];
    now?: Date;
  },
): Promise<InstanceRecoverabilityDashboard> {
  const now = input.now ?? new Date();
  const instance = await getInstance(tx, input.tenantId, input.instanceId);
  const r = DASHBOARD_RANGES[input.range];
  const since = dashboardRangeStart(input.range, now);
  const [trend, drills, window] = await Promise.all([
    readRecoveryPointTrend(tx, input.tenantId, instance.id, {
      since,
      bucketSeconds: r.trendSeconds,
    }),
    listRestoreDrills(tx, input.tenantId, instance.id, { limit: DASHBOARD_DRILLS }),
    getInstanceWindow(tx, input.tenantId, instance.id, { regions: input.regions, now }),
  ]);
  return {
    range: input.range,
    from: since.toISOString(),
    to: new Date(since.getTime() + r.seconds * 1000).toISOString(),
    bucketSeconds: r.trendSeconds,
    regions: [...input.regions],
    recoveryPointAge: trend.map((p) => ({
      at: new Date(p.at * 1000).toISOString(),
      region: p.region,
      maxAgeSeconds: p.maxAgeSeconds === null ? null : Number(p.maxAgeSeconds),
    })),
    drills: drills.map((d) => ({
      id: d.id,
      region: d.region,
      status: d.status,
      targetKind: d.targetKind,
      targetTime: targetTime(d.target),
      backupLabel: d.backupLabel,
      startedAt: d.startedAt.toISOString(),
      finishedAt: d.finishedAt?.toISOString() ?? null,
      durationSeconds: d.durationSeconds,
      failedCheck: d.failedCheck,
    })),
    coverage: window.regions.map((w) => ({
      region: w.region,
      earliest: w.earliest,
      latest: w.latest,
      verified: w.verified,
      verifiedFraction: w.verifiedFraction,
    })),
  };
}
