import type { CatalogBackup, CatalogRegionStatus, CatalogWalRange } from '@rewind/db';
import {
  inTenantTx,
  listWalRanges,
  replaceRegionCatalog,
  restorePointsScannedThrough,
} from '@rewind/db';
import {
  contiguousRuns,
  lastWrittenSegment,
  latestArchivedCommit,
  openSegment,
  pgbackrestSegmentSource,
  sortSegmentNames,
  unarchivedTailCommits,
  unarchivedWalBytes,
  walFlushed,
  type RepoIndex,
  type RepoInfo,
  type WalPosition,
} from '@rewind/engine';
import { listKeys, type RegionClient } from '@rewind/storage';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { archivePrefix, segmentsOfKeys } from './archive-keys';
import { loadInstanceFacts, type InstanceRef } from './instance-facts';
import { probeInstance } from './probe-instance';
import { recordInstanceRelationNames } from './record-relation-names';
import { scanRestorePoints } from './scan-restore-points';
import { readWalPosition } from './wal-position';
import { sampleRecoveryPoint } from './sample-recovery-point';

export interface RegionSyncResult {
  region: string;
  ok: boolean;
  backups: number;
  walRanges: number;
  newestSegment: string | null;
  latestCommitAt: string | null;
  /** this sync found every WAL byte written archived here, as of then */
  archivedThroughAt?: string;
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
  /** the recovery-point sample after the sync could not be written (the sync still counts) */
  sampleError?: string;
  /** relation names spans opened and closed (wal-events names events with them); null: not running */
  relationNames: { opened: number; closed: number } | null | { error: string };
}

/**
 * A quiet database's coverage in one region: every commit written when `before` was read is
 * archived there. Holds when nothing was written while the archive was listed (`after` is where
 * `before` was), every inserted record was on disk, and either the segment holding the last byte
 * is in the newest run, or the only WAL past that run (one open segment) holds no transaction end
 * (checkpoints, running-xacts: read from pg_wal with pg_waldump). Then the state at `before.at`
 * is in archived WAL. No forced segment switch: pg_switch_wal() is itself WAL that makes the
 * bgwriter log a running-xacts record into the next segment, so chasing "all bytes archived"
 * would switch segments forever on an idle instance.
 */
async function quietCoverage(
  deps: ActivityDeps,
  stanza: string,
  before: WalPosition | null,
  after: WalPosition | null,
  runs: readonly (readonly string[])[],
): Promise<{ at: Date; segment: string } | undefined> {
  if (!before || !after || before.insertLsn !== after.insertLsn || !walFlushed(before))
    return undefined;
  const newestRun = runs[runs.length - 1];
  const archivedSegment = newestRun?.[newestRun.length - 1];
  if (!newestRun || !archivedSegment) return undefined;
  const last = lastWrittenSegment(before);
  if (newestRun.includes(last)) return { at: new Date(before.at), segment: last };
  const open = openSegment(before);
  if (open === null) return undefined;
  const commits = await unarchivedTailCommits({
    walDir: `${deps.engine.paths(stanza).pgdata}/pg_wal`,
    archivedSegment,
    openSegment: open,
    waldump: { waldumpBin: `${deps.engine.config.pgBinDir}/pg_waldump` },
    walSegmentSize: before.walSegmentSize,
  }).catch(() => null);
  return commits === false ? { at: new Date(before.at), segment: archivedSegment } : undefined;
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

/** `pgbackrest info` of one repo answers in a second or two; longer means the region is unreachable */
const REPO_INFO_TIMEOUT_MS = 30_000;

/**
 * Mirrors one instance's two repositories into the catalog: backups from `pgbackrest info`,
 * archived WAL as contiguous ranges from an S3 listing (a missing segment splits a range), and
 * the newest commit of each range from pg_waldump, and the restore points in every segment not
 * read before. Archived segments never change, so a range whose stop segment the catalog already
 * knows keeps its known newest commit: a sync with no new WAL reads no WAL. A running instance's WAL
 * position is compared with each region's archive: a quiet database's coverage (quietCoverage),
 * and how much WAL is not archived yet.
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
  // what each relation file is called now, so a later DROP can still be named; a failure here
  // must not stop the sync. Before the regions, not beside them: a region's `latest` must not be
  // written before the names as of this sync are (a DROP right after could not be named), and
  // reading the catalog can write WAL (hint bits), which would spoil the regions' check that
  // every WAL byte is archived.
  const relationNames: SyncCatalogResult['relationNames'] = await recordInstanceRelationNames(
    deps,
    facts,
  ).catch((err: unknown) => ({
    error: `while recording the relation names of ${label}: ${(err as Error).message}`,
  }));
  const { known, scannedThrough } = await inTenantTx(
    deps.db,
    { tenantId: ref.tenantId },
    async (tx) => ({
      known: await listWalRanges(tx, ref.tenantId, ref.instanceId),
      scannedThrough: await restorePointsScannedThrough(tx, ref.tenantId, ref.instanceId),
    }),
  );
  const regions: [RepoIndex, RegionClient][] = [
    [1, deps.regions.a],
    [2, deps.regions.b],
  ];
  const results: RegionSyncResult[] = [];
  // a stopped or unreachable instance only means no coverage this time
  const walPosition = () => readWalPosition(deps, facts).catch(() => null);
  for (const [repo, client] of regions) {
    const region = client.region.name;
    try {
      const before = await walPosition();
      // per region and bounded: pgBackRest retries an unreachable repo for minutes, which held
      // the whole sync (and the alert evaluation after it) past its heartbeat while a region was down
      const repoInfo = await withHeartbeat(
        () =>
          deps.engine
            .info({ instanceId: stanza, repo, timeoutMs: REPO_INFO_TIMEOUT_MS })
            .catch((err: unknown) => {
              throw new Error(
                `while reading pgbackrest info of repo${repo}: ${(err as Error).message}`,
                {
                  cause: err,
                },
              );
            }),
        { phase: 'info', region },
      ).then((info) => info.repos.find((r) => r.repo === repo));
      if (repoInfo && repoInfo.status.code !== 0 && repoInfo.backups.length === 0)
        throw new Error(`pgbackrest reports repo${repo}: ${repoInfo.status.message}`);
      const backups = toCatalogBackups(repoInfo);
      const segments = sortSegmentNames(
        segmentsOfKeys(await listKeys(client, archivePrefix(stanza))),
      );
      const position = await walPosition();
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
      const coverage = await withHeartbeat(
        () => quietCoverage(deps, stanza, before, position, runs),
        { phase: 'quiet-coverage', region },
      );
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
        ...(coverage
          ? { archivedThroughAt: coverage.at, archivedThroughSegment: coverage.segment }
          : {}),
        unarchivedWalBytes: position ? unarchivedWalBytes(position, segments) : null,
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
        ...(coverage ? { archivedThroughAt: coverage.at.toISOString() } : {}),
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
  // the trend is history, not the sync's purpose: a sample that cannot be written is skipped
  const sampleError = await sampleRecoveryPoint(deps, ref).then(
    () => null,
    (err: unknown) => `while sampling the recovery point of ${label}: ${(err as Error).message}`,
  );
  return {
    status: facts.status,
    regions: results,
    probe,
    relationNames,
    ...(sampleError ? { sampleError } : {}),
  };
}
