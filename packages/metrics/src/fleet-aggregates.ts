import type { FleetRecoverability, FleetRecoverabilityInstance } from '@rewind/db';

/**
 * The archive-lag bound of a plan: a segment is archived at most archive_timeout after a write,
 * the catalog learns of it within a monitor round (15 s) and reads it in the next, and a
 * healthy region may wait out one pgBackRest io-timeout (60 s) when the other one is down.
 * Twice archive_timeout plus 60 s holds in normal operation with margin on a loaded host.
 */
export function archiveLagBoundSeconds(archiveTimeoutSeconds: number): number {
  return 2 * archiveTimeoutSeconds + 60;
}

const DAY_MS = 86_400_000;

/**
 * Share of the promised retention window a region can restore to the second. The promise runs
 * from `retentionDays` ago (or the instance's first backup anywhere, if younger) to the newest
 * commit every region has archived: what lies after that is archive lag, measured apart (on a
 * young instance a few seconds of lag would otherwise read as a large uncovered share).
 */
export function coverageOfPromise(
  i: FleetRecoverabilityInstance,
  now: Date,
): Record<string, number> {
  const earliest = i.regions.flatMap((r) => (r.earliest ? [Date.parse(r.earliest)] : []));
  const latest = i.regions.flatMap((r) => (r.latest ? [Date.parse(r.latest)] : []));
  if (earliest.length === 0 || latest.length === 0) return {};
  const from = Math.max(now.getTime() - i.retentionDays * DAY_MS, Math.min(...earliest));
  const to = Math.min(...latest);
  if (to <= from) return {};
  const out: Record<string, number> = {};
  for (const r of i.regions) {
    if (!r.earliest || !r.latest) {
      out[r.region] = 0;
      continue;
    }
    const a = Math.max(from, Date.parse(r.earliest));
    const b = Math.min(to, Date.parse(r.latest));
    let covered = Math.max(0, b - a);
    for (const g of r.gaps) {
      const ga = Math.max(a, Date.parse(g.from));
      const gb = Math.min(b, Date.parse(g.to));
      covered -= Math.max(0, gb - ga);
    }
    out[r.region] = Math.max(0, Math.min(1, covered / (to - from)));
  }
  return out;
}

export interface FleetAggregates {
  instances: number;
  recoveryPointAges: number[];
  /** per region: the largest archive lag over the fleet, and how many instances exceed their bound */
  archiveLagMax: Record<string, number>;
  archiveLagOverBound: Record<string, number>;
  /** per region: the smallest coverage of the promised window over the fleet */
  coverageMin: Record<string, number>;
  backupAgeMax: Record<string, number>;
  drillPassRatio: Record<string, number>;
  drillsRecent: { region: string; result: string; count: number }[];
}

const maxInto = (m: Record<string, number>, k: string, v: number) => {
  m[k] = Math.max(m[k] ?? v, v);
};
const minInto = (m: Record<string, number>, k: string, v: number) => {
  m[k] = Math.min(m[k] ?? v, v);
};

export function aggregateFleet(
  fleet: FleetRecoverability,
  regions: readonly string[],
  now: Date,
): FleetAggregates {
  const out: FleetAggregates = {
    instances: fleet.instances.length,
    recoveryPointAges: [],
    archiveLagMax: {},
    archiveLagOverBound: Object.fromEntries(regions.map((r) => [r, 0])),
    coverageMin: {},
    backupAgeMax: {},
    drillPassRatio: {},
    drillsRecent: fleet.drills.map((d) => ({
      region: d.region,
      result: d.status,
      count: d.count,
    })),
  };
  for (const i of fleet.instances) {
    if (i.rpoSeconds !== null) out.recoveryPointAges.push(i.rpoSeconds);
    const bound = archiveLagBoundSeconds(i.archiveTimeoutSeconds);
    for (const r of i.regions) {
      if (r.rpoSeconds === null) continue;
      maxInto(out.archiveLagMax, r.region, r.rpoSeconds);
      if (r.rpoSeconds > bound)
        out.archiveLagOverBound[r.region] = (out.archiveLagOverBound[r.region] ?? 0) + 1;
    }
    for (const [region, ratio] of Object.entries(coverageOfPromise(i, now)))
      minInto(out.coverageMin, region, ratio);
    for (const [region, at] of Object.entries(i.newestBackupAt))
      maxInto(out.backupAgeMax, region, Math.max(0, (now.getTime() - at.getTime()) / 1000));
  }
  for (const region of new Set(fleet.drills.map((d) => d.region))) {
    const of = (s: string) =>
      fleet.drills.find((d) => d.region === region && d.status === s)?.count ?? 0;
    const total = of('succeeded') + of('failed');
    if (total > 0) out.drillPassRatio[region] = of('succeeded') / total;
  }
  return out;
}
