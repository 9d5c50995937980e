import { Gauge, Histogram, type Registry } from 'prom-client';
import type { FleetRecoverability } from '@rewind/db';
import { aggregateFleet, type FleetAggregates } from './fleet-aggregates';

/** window of drill results the pass-ratio gauges look at */
export const DRILL_RESULTS_WINDOW_MS = 7 * 86_400_000;

export interface FleetSource {
  regions: readonly string[];
  read: (drillsSince: Date) => Promise<FleetRecoverability>;
  /** for tests; defaults to the clock */
  now?: () => Date;
}

const AGE_BUCKETS = [15, 30, 60, 120, 300, 600, 1800, 3600, 21600, 86400];

/**
 * Fleet-level gauges, computed from the control DB on every scrape (one read shared by all of
 * them), so the web and the worker report the same fleet whatever each process has seen. A
 * failed read leaves them empty and sets rewind_fleet_read_ok 0 rather than failing /metrics.
 */
export function registerFleetMetrics(registry: Registry, source: FleetSource): void {
  const now = source.now ?? (() => new Date());
  let pending: { at: number; value: Promise<FleetAggregates | null> } | undefined;
  // prom-client collects every metric of a scrape concurrently: they share one read
  const snapshot = (): Promise<FleetAggregates | null> => {
    const t = Date.now();
    if (!pending || t - pending.at > 1000) {
      const at = now();
      pending = {
        at: t,
        value: source.read(new Date(at.getTime() - DRILL_RESULTS_WINDOW_MS)).then(
          (fleet) => aggregateFleet(fleet, source.regions, at),
          (err: unknown) => {
            console.error(`metrics: while reading the fleet from the control DB: ${String(err)}`);
            return null;
          },
        ),
      };
    }
    return pending.value;
  };
  const registers = [registry];
  const perRegion = (
    name: string,
    help: string,
    pick: (a: FleetAggregates) => Record<string, number>,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['region'],
      registers,
      async collect() {
        this.reset();
        const a = await snapshot();
        if (a) for (const [region, v] of Object.entries(pick(a))) this.set({ region }, v);
      },
    });

  new Gauge({
    name: 'rewind_fleet_read_ok',
    help: '1 when the fleet gauges of this scrape were read from the control DB, 0 when the read failed.',
    registers,
    async collect() {
      this.set((await snapshot()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'rewind_fleet_instances',
    help: 'Running primary instances the fleet gauges cover.',
    registers,
    async collect() {
      this.set((await snapshot())?.instances ?? 0);
    },
  });
  new Histogram({
    name: 'rewind_recovery_point_age_seconds',
    help: 'Recovery point age (seconds since the newest restorable commit, best region) over the instances of the fleet, as of this scrape.',
    buckets: AGE_BUCKETS,
    registers,
    async collect() {
      this.reset();
      for (const age of (await snapshot())?.recoveryPointAges ?? []) this.observe(age);
    },
  });
  new Gauge({
    name: 'rewind_recovery_point_age_max_seconds',
    help: 'The largest recovery point age over the fleet.',
    registers,
    async collect() {
      this.reset();
      const ages = (await snapshot())?.recoveryPointAges ?? [];
      if (ages.length > 0) this.set(Math.max(...ages));
    },
  });
  perRegion(
    'rewind_archive_lag_seconds',
    'Per region, the largest archive lag over the fleet: seconds since the newest commit archived there.',
    (a) => a.archiveLagMax,
  );
  perRegion(
    'rewind_archive_lag_over_bound_instances',
    "Per region, instances whose archive lag exceeds their plan's bound (2 x archive_timeout + 60 s).",
    (a) => a.archiveLagOverBound,
  );
  perRegion(
    'rewind_wal_coverage_ratio',
    'Per region, the smallest share over the fleet of the promised retention window that is restorable there (backups + gap-free WAL).',
    (a) => a.coverageMin,
  );
  perRegion(
    'rewind_backup_age_seconds',
    'Per region, the largest age over the fleet of an instance newest backup.',
    (a) => a.backupAgeMax,
  );
  perRegion(
    'rewind_drill_pass_ratio',
    'Per region, succeeded / finished restore drills over the last 7 days.',
    (a) => a.drillPassRatio,
  );
  new Gauge({
    name: 'rewind_drills_recent',
    help: 'Finished restore drills of the last 7 days by region and result.',
    labelNames: ['region', 'result'],
    registers,
    async collect() {
      this.reset();
      for (const d of (await snapshot())?.drillsRecent ?? [])
        this.set({ region: d.region, result: d.result }, d.count);
    },
  });
}
