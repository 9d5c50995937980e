import { and, desc, eq, isNotNull } from 'drizzle-orm';
import {
  computeRestoreWindows,
  verifiedCoverage,
  type ProvenRange,
  type RegionWindow,
  type TimeRange,
} from '@rewind/core';
import type { Tx } from '../client';
import type { GeoCheckFindings } from './record-geo-check';
import { tenantWhere } from '../access';
import { backups, geoChecks, instanceRegionStatus, restoreDrills, walRanges } from '../schema';

export interface InstanceWindowRegion {
  region: string;
  earliest: string | null;
  latest: string | null;
  gaps: { from: string; to: string }[];
  /**
   * Recovery point age: seconds between `now` and `latest`, the newest second up to which every
   * commit is archived here: at most this much committed work would be lost (WAL not archived
   * yet). A quiet database whose WAL is all archived stays within one catalog sync of now.
   */
  rpoSeconds: number | null;
  latestCommitAt: string | null;
  /** when catalog sync last found every WAL byte written archived here (a quiet database) */
  archivedThroughAt: string | null;
  /** WAL written but not archived here at the last sync, in bytes (null: not measured) */
  unarchivedWalBytes: number | null;
  archiveOk: boolean;
  error: string | null;
  syncedAt: string | null;
  /**
   * what successful drills proved in this region, within the window: a drill at T from backup B
   * proves [B's stop time, T]. Everything else in the window is archived but not yet restored.
   */
  verified: TimeRange[];
  /** verified seconds over restorable seconds (0..1); null when nothing is restorable */
  verifiedFraction: number | null;
}

export interface LastBackup {
  label: string;
  type: string;
  region: string;
  stoppedAt: string;
}

/** The newest geo check of the instance, as the instance page and the fleet view show it. */
export interface GeoCheckSummary extends GeoCheckFindings {
  checkedAt: string;
}

/**
 * The instance's window as the API answers it (GET /api/v1/instances/{id}: `window.regions` with
 * what drills verified, `rpoSeconds`, `lastBackup`, `geoCheck`), and the admin fleet view; the one definition.
 */
export interface InstanceWindow {
  regions: InstanceWindowRegion[];
  /** the best (smallest) RPO over all regions */
  rpoSeconds: number | null;
  lastBackup: LastBackup | null;
  geoCheck: GeoCheckSummary | null;
  /** full per-region result of the window math, for restore validation */
  windows: RegionWindow[];
}

/**
 * The restorable window of an instance per region, from the catalog (backups, WAL ranges, the
 * newest archived commit per region) through core's window math. `regions` fixes the order
 * (region A first); regions the catalog knows but the caller did not name come after.
 */
export async function getInstanceWindow(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  options: { regions?: readonly string[]; now?: Date } = {},
): Promise<InstanceWindow> {
  const now = options.now ?? new Date();
  // one transaction is one connection: its queries run one after another anyway, and pg
  // deprecates queueing them concurrently on one client
  const backupRows = await tx
    .select()
    .from(backups)
    .where(and(tenantWhere(backups, tenantId), eq(backups.instanceId, instanceId)));
  const rangeRows = await tx
    .select()
    .from(walRanges)
    .where(and(tenantWhere(walRanges, tenantId), eq(walRanges.instanceId, instanceId)));
  const statusRows = await tx
    .select()
    .from(instanceRegionStatus)
    .where(
      and(
        tenantWhere(instanceRegionStatus, tenantId),
        eq(instanceRegionStatus.instanceId, instanceId),
      ),
    );
  const [geo] = await tx
    .select()
    .from(geoChecks)
    .where(and(tenantWhere(geoChecks, tenantId), eq(geoChecks.instanceId, instanceId)))
    .orderBy(desc(geoChecks.checkedAt))
    .limit(1);
  const drillRows = await tx
    .select({
      region: restoreDrills.region,
      target: restoreDrills.target,
      backupStoppedAt: restoreDrills.backupStoppedAt,
    })
    .from(restoreDrills)
    .where(
      and(
        tenantWhere(restoreDrills, tenantId),
        eq(restoreDrills.instanceId, instanceId),
        eq(restoreDrills.status, 'succeeded'),
        isNotNull(restoreDrills.backupStoppedAt),
      ),
    );
  const proven = new Map<string, ProvenRange[]>();
  for (const d of drillRows) {
    if (!d.region || !d.target || !('time' in d.target) || !d.backupStoppedAt) continue;
    const list = proven.get(d.region) ?? [];
    list.push({ from: d.backupStoppedAt, to: d.target.time });
    proven.set(d.region, list);
  }

  const known = [
    ...new Set([...statusRows, ...backupRows, ...rangeRows].map((r) => r.region)),
  ].sort();
  const regions = [...(options.regions ?? [])];
  for (const r of known) if (!regions.includes(r)) regions.push(r);

  const windows = computeRestoreWindows({
    regions,
    backups: backupRows.map((b) => ({
      region: b.region,
      label: b.label,
      stoppedAt: b.stoppedAt,
      walStart: b.walStart,
      walStop: b.walStop,
    })),
    walRanges: rangeRows.map((r) => ({
      region: r.region,
      startSegment: r.startSegment,
      stopSegment: r.stopSegment,
      lastCommitAt: r.lastCommitAt,
    })),
    latestCommitAt: Object.fromEntries(statusRows.map((s) => [s.region, s.latestCommitAt])),
    archivedThrough: Object.fromEntries(
      statusRows.map((s) => [
        s.region,
        s.archivedThroughAt && s.archivedThroughSegment
          ? { at: s.archivedThroughAt, segment: s.archivedThroughSegment }
          : null,
      ]),
    ),
  });

  const rpoOf = (latest: string | null) =>
    latest === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(latest)) / 1000));
  const out: InstanceWindowRegion[] = windows.map((w) => {
    const s = statusRows.find((x) => x.region === w.region);
    const coverage = verifiedCoverage(w, proven.get(w.region) ?? []);
    return {
      region: w.region,
      earliest: w.earliest,
      latest: w.latest,
      gaps: w.gaps,
      rpoSeconds: rpoOf(w.latest),
      latestCommitAt: s?.latestCommitAt?.toISOString() ?? null,
      archivedThroughAt: s?.archivedThroughAt?.toISOString() ?? null,
      unarchivedWalBytes: s?.unarchivedWalBytes ?? null,
      archiveOk: s?.archiveOk ?? false,
      error: s?.error ?? null,
      syncedAt: s?.syncedAt.toISOString() ?? null,
      verified: coverage.verified,
      verifiedFraction: coverage.verifiedFraction,
    };
  });
  const rpos = out.map((r) => r.rpoSeconds).filter((x): x is number => x !== null);
  const newest = [...backupRows].sort((a, b) => b.stoppedAt.getTime() - a.stoppedAt.getTime())[0];
  return {
    regions: out,
    rpoSeconds: rpos.length > 0 ? Math.min(...rpos) : null,
    lastBackup: newest
      ? {
          label: newest.label,
          type: newest.type,
          region: newest.region,
          stoppedAt: newest.stoppedAt.toISOString(),
        }
      : null,
    geoCheck: geo
      ? {
          ok: geo.ok,
          missingSegments: geo.missingSegments,
          missingBackups: geo.missingBackups,
          lagSeconds: geo.lagSeconds,
          detail: geo.detail,
          checkedAt: geo.checkedAt.toISOString(),
        }
      : null,
    windows,
  };
}
