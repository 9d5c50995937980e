import { isDataVolumeFull } from '../instance/health-reason';

/**
 * The alert conditions Rewind evaluates per instance from the catalog, as a pure function: the
 * worker's evaluation activity feeds it the facts after each catalog sync and raises what it
 * returns, resolving every evaluated kind it no longer returns.
 */
export const evaluatedAlertKinds = [
  'wal_gap',
  'archive_lag',
  'geo_check_red',
  'backup_missed',
  'retention_coverage',
  'drill_failed',
  'verify_failed',
  'data_volume_full',
] as const;
export type EvaluatedAlertKind = (typeof evaluatedAlertKinds)[number];

/** `instance:<id>:<kind>[:<region>]`: one open alert per instance, kind and region. */
export function instanceAlertKey(instanceId: string, kind: string, region?: string | null): string {
  return `instance:${instanceId}:${kind}${region ? `:${region}` : ''}`;
}

/** The kind inside a key built by instanceAlertKey (null for a key of another shape). */
export function kindOfInstanceAlertKey(key: string): string | null {
  const parts = key.split(':');
  return parts[0] === 'instance' && parts[2] ? parts[2] : null;
}

export interface AlertFactsRegion {
  region: string;
  earliest: string | null;
  latest: string | null;
  gaps: { from: string; to: string }[];
  latestCommitAt: string | null;
  archiveOk: boolean;
  error: string | null;
}

export interface RepositoryCheckFact {
  region: string;
  kind: 'verify' | 'wal_continuity';
  ok: boolean;
  /** the check's own sentence: what it found, or why it could not run */
  detail: string;
  /** verify: files pgBackRest found invalid */
  invalidFiles?: string[];
  /** wal_continuity: the first and last segment of each gap */
  missingSegments?: string[];
}

export interface InstanceAlertFacts {
  instanceId: string;
  instanceName: string;
  now: Date;
  /** what the instance's last probe found wrong, in words (null: all well or never probed) */
  healthReason: string | null;
  /** the plan's archive-lag bound (seconds): 2 x archive_timeout + 60 */
  archiveLagBoundSeconds: number;
  /** the plan's full-backup cadence: a region whose newest backup is older than 2 x this missed one */
  fullBackupEverySeconds: number;
  /** share of the promised window each region restores (coverageOfPromise), and the floor */
  coverage: Record<string, number>;
  coverageFloor: number;
  /**
   * the plan's retention: the whole window is owed only once the instance's first backup is older
   * than this; before that each region's window starts at its own first backup, which the
   * coverage would read as a shortfall of every region but the first one backed up
   */
  retentionSeconds: number;
  /** the instance's first backup anywhere: a younger instance is not yet owed a backup cadence */
  firstBackupAt: Date | null;
  regions: AlertFactsRegion[];
  newestBackupAt: Record<string, Date>;
  geoCheck: {
    ok: boolean;
    missingSegments: number;
    missingBackups: number;
    detail: string | null;
  } | null;
  /**
   * the newest scheduled repository check of each region and kind (`pgbackrest verify`, WAL
   * continuity): a failing one holds verify_failed for its region until a later one is clean
   */
  repositoryChecks: RepositoryCheckFact[];
  /** the newest finished drill per region */
  latestDrills: {
    id: string;
    region: string;
    status: 'succeeded' | 'failed';
    target: unknown;
    failingCheck: string | null;
    error: string | null;
  }[];
}

export interface AlertCondition {
  key: string;
  kind: EvaluatedAlertKind;
  summary: string;
  detail: {
    region?: string;
    segment?: string;
    target?: unknown;
    failingCheck?: string;
    drillId?: string;
    value?: number;
    bound?: number;
    /** verify_failed: what the repository checks found */
    checks?: string[];
    invalidFiles?: string[];
    missingSegments?: string[];
  };
}

const SEGMENT = /\b[0-9A-F]{24}\b/;

export function evaluateInstanceAlerts(f: InstanceAlertFacts): AlertCondition[] {
  const out: AlertCondition[] = [];
  const name = f.instanceName;
  const push = (
    kind: EvaluatedAlertKind,
    region: string | null,
    summary: string,
    detail: AlertCondition['detail'],
  ) =>
    out.push({
      key: instanceAlertKey(f.instanceId, kind, region),
      kind,
      summary,
      detail: { ...(region ? { region } : {}), ...detail },
    });

  const owesWholeWindow =
    f.firstBackupAt !== null &&
    f.now.getTime() - f.firstBackupAt.getTime() > f.retentionSeconds * 1000;
  for (const r of f.regions) {
    if (r.gaps.length > 0) {
      const g = r.gaps[0]!;
      push('wal_gap', r.region, `${name}: WAL gap in ${r.region} from ${g.from} to ${g.to}`, {});
    }
    // the window's `latest` reaches the check time on a quiet instance whose every commit is
    // archived; the newest commit alone would read an idle database as lagging
    const archivedThrough = r.latest ?? r.latestCommitAt;
    if (archivedThrough) {
      const lag = Math.round((f.now.getTime() - Date.parse(archivedThrough)) / 1000);
      if (lag > f.archiveLagBoundSeconds)
        push(
          'archive_lag',
          r.region,
          `${name}: archive lag in ${r.region} is ${lag} s (bound ${f.archiveLagBoundSeconds} s)`,
          {
            value: lag,
            bound: f.archiveLagBoundSeconds,
          },
        );
    }
    const coverage = f.coverage[r.region];
    if (owesWholeWindow && coverage !== undefined && coverage < f.coverageFloor)
      push(
        'retention_coverage',
        r.region,
        `${name}: ${r.region} restores ${(coverage * 100).toFixed(1)} % of the promised window`,
        {
          value: coverage,
          bound: f.coverageFloor,
        },
      );
    const newest = f.newestBackupAt[r.region];
    const owed = 2 * f.fullBackupEverySeconds;
    const since = newest ?? f.firstBackupAt;
    if (since) {
      const age = Math.round((f.now.getTime() - since.getTime()) / 1000);
      if (age > owed)
        push(
          'backup_missed',
          r.region,
          `${name}: no backup in ${r.region} for ${age} s (plan: every ${f.fullBackupEverySeconds} s)`,
          {
            value: age,
            bound: owed,
          },
        );
    }
  }
  // PostgreSQL refuses writes: the alert says why in the probe's words (free of total)
  if (isDataVolumeFull(f.healthReason))
    push('data_volume_full', null, `${name}: ${f.healthReason}`, {});
  if (f.geoCheck && !f.geoCheck.ok)
    push(
      'geo_check_red',
      null,
      `${name}: region B lacks ${f.geoCheck.missingSegments} segment(s) and ${f.geoCheck.missingBackups} backup(s) region A holds`,
      {
        value: f.geoCheck.missingSegments,
        ...(f.geoCheck.detail?.match(SEGMENT)
          ? { segment: f.geoCheck.detail.match(SEGMENT)![0] }
          : {}),
      },
    );
  for (const region of new Set(f.repositoryChecks.map((c) => c.region))) {
    const failing = f.repositoryChecks.filter((c) => c.region === region && !c.ok);
    if (failing.length === 0) continue;
    const invalidFiles = failing.flatMap((c) => c.invalidFiles ?? []);
    const missingSegments = failing.flatMap((c) => c.missingSegments ?? []);
    const segment = [...missingSegments, ...invalidFiles]
      .map((s) => s.match(SEGMENT)?.[0])
      .find(Boolean);
    push(
      'verify_failed',
      region,
      `${name}: repository check in ${region} found a problem: ${failing.map((c) => c.detail).join('; ')}`,
      {
        checks: failing.map((c) => c.kind),
        ...(invalidFiles.length ? { invalidFiles: invalidFiles.slice(0, 20) } : {}),
        ...(missingSegments.length ? { missingSegments: missingSegments.slice(0, 20) } : {}),
        ...(segment ? { segment } : {}),
      },
    );
  }
  for (const d of f.latestDrills) {
    if (d.status !== 'failed') continue;
    const segment = d.error?.match(SEGMENT)?.[0];
    push(
      'drill_failed',
      d.region,
      `${name}: restore drill from ${d.region} failed${d.failingCheck ? ` (${d.failingCheck})` : ''}`,
      {
        drillId: d.id,
        target: d.target,
        ...(d.failingCheck ? { failingCheck: d.failingCheck } : {}),
        ...(segment ? { segment } : {}),
      },
    );
  }
  return out;
}
