import type { CatalogBackup, CatalogRegionStatus, CatalogWalRange } from '@rewind/db';
import {
  inTenantTx,
  listWalRanges,
  replaceRegionCatalog,
  restorePointsScannedThrough,
} from '@rewind/db';
import {
  contiguousRuns,
  latestArchivedCommit,
  pgbackrestSegmentSource,
  sortSegmentNames,
  type RepoIndex,
  type RepoInfo,
} from '@rewind/engine';
import { listKeys, type RegionClient } from '@rewind/storage';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { archivePrefix, segmentsOfKeys } from './archive-keys';
import { loadInstanceFacts, type InstanceRef } from './instance-facts';
import { probeInstance } from './probe-instance';
import { scanRestorePoints } from './scan-restore-points';

export interface RegionSyncResult {
  region: string;
  ok: boolean;
  backups: number;
  walRanges: number;
  newestSegment: string | null;
  latestCommitAt: string | null;
  error?: string;
}

export interface SyncCatalogResult {
  status: string;
  regions: RegionSyncResult[];
  /** what the probe before the sync found (disk, server, clock); `error` if it could not run */
  probe: {
    healthReason: string | null;
    clockSkewMs: number | null;
    restarted: boolean;
    error?: string;
  };
}

const timelineOf = (segment: string) => Number.parseInt(segment.slice(0, 8), 16);

function toCatalogBackups(repo: RepoInfo | undefined): CatalogBackup[] {
  return (repo?.backups ?? [])
    .filter((b) => b.walStart !== null && b.walStop !== null)
    .map((b) => ({
      label: b.label,
      type: b.type,
      startedAt: new Date(b.startEpoch * 1000),
      stoppedAt: new Date(b.stopEpoch * 1000),
      beginLsn: b.startLsn,
      endLsn: b.stopLsn,
      walStart: b.walStart!,
      walStop: b.walStop!,
      timeline: timelineOf(b.walStart!),
      sizeBytes: b.sizeBytes,
      repoSizeBytes: b.repoSizeBytes,
    }));
}

/**
 * Mirrors one instance's two repositories into the catalog: backups from `pgbackrest info`,
 * archived WAL as contiguous ranges from an S3 listing (a missing segment splits a range), and
 * the newest commit of each range from pg_waldump, and the restore points in every segment not
 * read before. Archived segments never change, so a range whose stop segment the catalog already
 * knows keeps its known newest commit: a sync with no new WAL reads no WAL.
 */
export async function syncCatalog(
  deps: ActivityDeps,
  ref: InstanceRef,
): Promise<SyncCatalogResult> {
  const facts = await loadInstanceFacts(deps, ref);
  const { stanza } = facts;
  const label = `instance ${ref.instanceId} (stanza ${stanza})`;
  // skew and volume are measured at every sync; a probe that fails must not stop the sync
  const probe: SyncCatalogResult['probe'] = await probeInstance(deps, facts).then(
    (p) => ({ healthReason: p.healthReason, clockSkewMs: p.clockSkewMs, restarted: p.restarted }),
    (err: unknown) => ({
      healthReason: null,
      clockSkewMs: null,
      restarted: false,
      error: `while probing ${label}: ${(err as Error).message}`,
    }),
  );
  const { known, scannedThrough } = await inTenantTx(
    deps.db,
    { tenantId: ref.tenantId },
    async (tx) => ({
      known: await listWalRanges(tx, ref.tenantId, ref.instanceId),
      scannedThrough: await restorePointsScannedThrough(tx, ref.tenantId, ref.instanceId),
    }),
  );
  const info = await deps.engine.info({ instanceId: stanza }).catch((err: unknown) => {
    throw new Error(`while reading pgbackrest info of ${label}: ${(err as Error).message}`, {
      cause: err,
    });
  });

  const regions: [RepoIndex, RegionClient][] = [
    [1, deps.regions.a],
    [2, deps.regions.b],
  ];
  const results: RegionSyncResult[] = [];
  for (const [repo, client] of regions) {
    const region = client.region.name;
    try {
      const repoInfo = info.repos.find((r) => r.repo === repo);
      if (repoInfo && repoInfo.status.code !== 0 && repoInfo.backups.length === 0)
        throw new Error(`pgbackrest reports repo${repo}: ${repoInfo.status.message}`);
      const backups = toCatalogBackups(repoInfo);
      const segments = sortSegmentNames(
        segmentsOfKeys(await listKeys(client, archivePrefix(stanza))),
      );
      const source = pgbackrestSegmentSource({
        configPath: deps.engine.paths(stanza).pgbackrestConf,
        stanza,
        repo,
        pgbackrestBin: deps.engine.config.pgbackrestBin,
      });
      const ranges: CatalogWalRange[] = [];
      const runs = contiguousRuns(segments);
      for (const run of runs) {
        const startSegment = run[0]!;
        const stopSegment = run[run.length - 1]!;
        const cached = known.find(
          (r) => r.region === region && r.stopSegment === stopSegment && r.lastCommitAt !== null,
        );
        // A range whose stop segment the catalog knows keeps its newest commit, LSN and xid
        // included: archived segments never change. (A sync that found no new WAL used to
        // write a null LSN, so LSN targets flapped to "nothing is restorable" between syncs.)
        let newest: { at: Date; lsn: string | null; xid: string | null } | null = cached
          ? { at: cached.lastCommitAt!, lsn: cached.lastCommitLsn, xid: cached.lastCommitXid }
          : null;
        if (!cached || cached.lastCommitLsn === null) {
          const commit = await withHeartbeat(
            () =>
              latestArchivedCommit({
                segments: run,
                source,
                waldump: { waldumpBin: `${deps.engine.config.pgBinDir}/pg_waldump` },
              }),
            { phase: 'wal', region },
          );
          if (commit)
            newest = { at: new Date(commit.committedAt), lsn: commit.lsn, xid: String(commit.xid) };
        }
        ranges.push({
          timeline: timelineOf(startSegment),
          startSegment,
          stopSegment,
          lastCommitAt: newest?.at ?? null,
          lastCommitLsn: newest?.lsn ?? null,
          lastCommitXid: newest?.xid ?? null,
        });
      }
      const newestRange = ranges[ranges.length - 1];
      const scan = await withHeartbeat(
        () =>
          scanRestorePoints(deps, {
            segments,
            scannedThrough: scannedThrough.get(region) ?? null,
            source,
          }),
        { phase: 'restore-points', region },
      );
      const status: CatalogRegionStatus = {
        latestCommitAt: newestRange?.lastCommitAt ?? null,
        latestCommitLsn: newestRange?.lastCommitLsn ?? null,
        latestCommitXid: newestRange?.lastCommitXid ?? null,
        newestSegment: newestRange?.stopSegment ?? null,
        restorePointsScannedThrough: scan.scannedThrough,
        archiveOk: true,
        error: null,
      };
      await inTenantTx(deps.db, { tenantId: ref.tenantId }, (tx) =>
        replaceRegionCatalog(tx, {
          ...ref,
          region,
          backups,
          walRanges: ranges,
          status,
          restorePoints: scan,
        }),
      );
      results.push({
        region,
        ok: true,
        backups: backups.length,
        walRanges: ranges.length,
        newestSegment: status.newestSegment,
        latestCommitAt: status.latestCommitAt?.toISOString() ?? null,
      });
    } catch (err) {
      // One unreachable region must not hide the other's progress: record and go on.
      const error = `while syncing the catalog of ${label} from ${region}: ${(err as Error).message}`;
      await inTenantTx(deps.db, { tenantId: ref.tenantId }, (tx) =>
        replaceRegionCatalog(tx, {
          ...ref,
          region,
          backups: null,
          walRanges: null,
          restorePoints: null,
          status: {
            latestCommitAt: null,
            latestCommitLsn: null,
            latestCommitXid: null,
            newestSegment: null,
            restorePointsScannedThrough: null,
            archiveOk: false,
            error,
          },
        }),
      );
      results.push({
        region,
        ok: false,
        backups: 0,
        walRanges: 0,
        newestSegment: null,
        latestCommitAt: null,
        error,
      });
    }
  }
  return { status: facts.status, regions: results, probe };
}
