import {
  DASHBOARD_RANGES,
  dashboardRangeStart,
  RECOVERY_POINT_AGE_EDGES,
  type DashboardRange,
} from '@rewind/core';
import {
  listPlatformAlerts,
  readFleetDrillResults,
  readFleetPhaseDurations,
  readFleetRecoveryPointAges,
  readFleetRestoreOutcomes,
  type FleetPhaseDuration,
  type FleetRestoreDurations,
  type PlatformDb,
} from '@rewind/db';

export interface RestoreOutcomeBucket {
  /** start of the bucket, RFC 3339 UTC */
  at: string;
  succeeded: number;
  failed: number;
  /** cancelled, rejected or expired: not the platform's failure, not a success either */
  other: number;
}

export interface RegionDrillPassRate {
  region: string;
  passed: number;
  failed: number;
  /** passed / (passed + failed); null without a finished drill */
  passRate: number | null;
}

export interface RecoveryPointAgeBin {
  /** e.g. `< 1 min`, `1–5 min`, `≥ 6 h` */
  label: string;
  fromSeconds: number;
  /** null: open-ended */
  toSeconds: number | null;
  samples: number;
  /** share of all samples (those with no recovery point included) */
  share: number;
}

/** The admin "Recoverability" dashboard: every tenant's history over one range. */
export interface FleetRecoverabilityDashboard {
  range: DashboardRange;
  from: string;
  to: string;
  bucketSeconds: number;
  restores: {
    buckets: RestoreOutcomeBucket[];
    succeeded: number;
    failed: number;
    other: number;
    /** succeeded / (succeeded + failed); null without a finished restore */
    successRate: number | null;
    /** request to finish of the successful ones, per kind */
    durations: FleetRestoreDurations[];
  };
  phases: FleetPhaseDuration[];
  recoveryPointAge: {
    bins: RecoveryPointAgeBin[];
    /** samples in which no region had a restorable second */
    none: number;
    p50Seconds: number | null;
    p95Seconds: number | null;
    instances: number;
  };
  drills: RegionDrillPassRate[];
  alerts: {
    open: number;
    byKind: { kind: string; count: number }[];
    newest: {
      id: string;
      kind: string;
      summary: string;
      tenant: string | null;
      instance: string | null;
      firstSeenAt: string;
    }[];
  };
}

const ratio = (good: number, bad: number) => (good + bad > 0 ? good / (good + bad) : null);

function ageLabel(seconds: number): string {
  return seconds >= 3_600 ? `${seconds / 3_600} h` : `${seconds / 60} min`;
}

const sameUnit = (a: number, b: number) => a >= 3_600 === b >= 3_600;

/** `< 1 min`, `1–5 min`, `15 min–1 h`, …, `≥ 6 h` for the bins RECOVERY_POINT_AGE_EDGES makes. */
export function recoveryPointAgeBins(counts: number[], none: number): RecoveryPointAgeBin[] {
  const edges = RECOVERY_POINT_AGE_EDGES;
  const total = counts.reduce((a, b) => a + b, 0) + none;
  return counts.map((samples, i) => {
    const from = i === 0 ? 0 : edges[i - 1]!;
    const to = i < edges.length ? edges[i]! : null;
    const label =
      i === 0
        ? `< ${ageLabel(edges[0])}`
        : to === null
          ? `≥ ${ageLabel(from)}`
          : sameUnit(from, to)
            ? `${ageLabel(from).split(' ')[0]}–${ageLabel(to)}`
            : `${ageLabel(from)}–${ageLabel(to)}`;
    return {
      label,
      fromSeconds: from,
      toSeconds: to,
      samples,
      share: total > 0 ? samples / total : 0,
    };
  });
}

/**
 * Reads and aggregates the fleet's recoverability history: restores (drills included) per
 * bucket and verdict, RTO per phase, the distribution of the recovery point age, drill pass
 * rate per region, and the alerts open now. Platform role: every tenant.
 */
export async function readFleetRecoverabilityDashboard(
  db: PlatformDb,
  options: { range: DashboardRange; regions: readonly string[]; now?: Date },
): Promise<FleetRecoverabilityDashboard> {
  const now = options.now ?? new Date();
  const r = DASHBOARD_RANGES[options.range];
  const since = dashboardRangeStart(options.range, now);
  const to = new Date(since.getTime() + r.seconds * 1000);
  const bucketSeconds = r.barSeconds;
  const [restores, phases, ages, drills, openAlerts] = await Promise.all([
    readFleetRestoreOutcomes(db, { since, bucketSeconds }),
    readFleetPhaseDurations(db, { since }),
    readFleetRecoveryPointAges(db, { since, edgesSeconds: RECOVERY_POINT_AGE_EDGES }),
    readFleetDrillResults(db, { since }),
    listPlatformAlerts(db, { status: 'open', limit: 500 }),
  ]);

  const buckets: RestoreOutcomeBucket[] = [];
  for (let t = since.getTime() / 1000; t < to.getTime() / 1000; t += bucketSeconds) {
    const here = restores.outcomes.filter((o) => o.at === t);
    const sum = (pick: (s: string) => boolean) =>
      here.filter((o) => pick(o.status)).reduce((a, o) => a + o.count, 0);
    buckets.push({
      at: new Date(t * 1000).toISOString(),
      succeeded: sum((s) => s === 'succeeded'),
      failed: sum((s) => s === 'failed'),
      other: sum((s) => s !== 'succeeded' && s !== 'failed'),
    });
  }
  const total = (k: 'succeeded' | 'failed' | 'other') => buckets.reduce((a, b) => a + b[k], 0);

  const regions = [...new Set([...options.regions, ...drills.map((d) => d.region)])];
  const byKind = new Map<string, number>();
  for (const a of openAlerts) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);

  return {
    range: options.range,
    from: since.toISOString(),
    to: to.toISOString(),
    bucketSeconds,
    restores: {
      buckets,
      succeeded: total('succeeded'),
      failed: total('failed'),
      other: total('other'),
      successRate: ratio(total('succeeded'), total('failed')),
      durations: restores.durations,
    },
    phases,
    recoveryPointAge: {
      bins: recoveryPointAgeBins(ages.counts, ages.none),
      none: ages.none,
      p50Seconds: ages.p50Seconds,
      p95Seconds: ages.p95Seconds,
      instances: ages.instances,
    },
    drills: regions.map((region) => {
      const found = drills.find((d) => d.region === region);
      const passed = found?.passed ?? 0;
      const failed = found?.failed ?? 0;
      return { region, passed, failed, passRate: ratio(passed, failed) };
    }),
    alerts: {
      open: openAlerts.length,
      byKind: [...byKind]
        .map(([kind, count]) => ({ kind, count }))
        .sort((a, b) => b.count - a.count),
      newest: openAlerts.slice(0, 8).map((a) => ({
        id: a.id,
        kind: a.kind,
        summary: a.summary,
        tenant: a.tenant?.slug ?? null,
        instance: a.instance?.name ?? null,
        firstSeenAt: a.firstSeenAt.toISOString(),
      })),
    },
  };
}
