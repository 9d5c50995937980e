import type { Db, PlatformDb } from '@rewind/db';
import type { Engine } from '@rewind/engine';
import type { RestoreMetrics } from '@rewind/metrics';
import type { RegionClient } from '@rewind/storage';

/**
 * What activities close over. The worker builds the real ones (apps/worker/src/main.ts);
 * only unit tests hand in fakes.
 */
export interface ActivityDeps {
  engine: Engine;
  hostId: string;
  dataDir: string;
  /** rewind_app pool: every tenant path runs inside inTenantTx, so RLS applies */
  db: Db;
  /** rewind_platform pool (BYPASSRLS): fleet-wide sweeps only, explicit at each call */
  platformDb: PlatformDb;
  /**
   * repo1 = region A, repo2 = region B, with the control plane's S3 identity (catalog reads,
   * audit export, repository recovery); pgBackRest on hosts uses the hosts' key from the engine config
   */
  regions: { a: RegionClient; b: RegionClient };
  /** REWIND_SECRET_KEY, to decrypt instance passwords and repo cipher passes */
  secretKey: string;
  /** Temporal Schedules of instance backups; the worker provides it (activities never build clients) */
  backupScheduler?: BackupScheduler;
  /** the process's restore SLI counters and histograms (served on the worker's /metrics) */
  metrics?: RestoreMetrics;
}

export interface BackupScheduleSpec {
  tenantId: string;
  instanceId: string;
  /** where the scheduled backup workflows run (the control-plane queue of the caller) */
  taskQueue: string;
  fullEverySeconds: number;
  diffEverySeconds: number | null;
  incrEverySeconds: number | null;
  /** the plan's restore-drill cadence (the repository checks run daily) */
  drillEverySeconds: number;
}

export interface EnsuredBackupSchedules {
  /** every schedule of the instance after the call (backup types of the plan, the drill, the repository checks) */
  ids: string[];
  created: string[];
  /** existing schedules whose cadence (or task queue) differed from the plan's */
  updated: string[];
  /** schedules of backup types the plan no longer has */
  removed: string[];
}

export interface BackupScheduler {
  /**
   * Makes the instance's schedules match the spec: one per backup type the plan has, at the
   * plan's cadence (existing ones updated in place, types the plan dropped removed), plus the
   * restore drill at the plan's drill cadence and the daily repository checks. Idempotent.
   */
  ensure(spec: BackupScheduleSpec): Promise<EnsuredBackupSchedules>;
  /** deletes them; missing schedules are fine */
  remove(ref: { tenantId: string; instanceId: string }): Promise<void>;
}
