import { sql } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';
import { isTenantRestore } from '../tenant-restore-filter';

export interface FleetRestoreOutcomeCount {
  /** start of the bucket, unix seconds */
  at: number;
  /** a drill's restore is one a restore_drills row points at */
  kind: 'user' | 'drill';
  status: 'succeeded' | 'failed' | 'cancelled' | 'rejected' | 'expired';
  count: number;
}

export interface FleetRestoreDurations {
  kind: 'user' | 'drill';
  /** request to finish of the restores that succeeded: the RTO as the requester lived it */
  p50Seconds: number;
  p95Seconds: number;
  count: number;
}

/**
 * Every tenant's finished restores (drills' included) since `since`: counts per bucket, kind and
 * verdict, and the request-to-finish time of the ones that succeeded, per kind.
 */
export async function readFleetRestoreOutcomes(
  db: PlatformDb,
  options: { since: Date; bucketSeconds: number },
): Promise<{ outcomes: FleetRestoreOutcomeCount[]; durations: FleetRestoreDurations[] }> {
  const since = options.since.toISOString();
  // the one rule for a drill's restore: a drill row points at it
  const kind = sql`case when ${isTenantRestore()} then 'user' else 'drill' end`;
  const outcomes = await db.execute<{
    at: number;
    kind: string;
    status: string;
    count: number;
  }>(sql`
    select extract(epoch from date_bin(${`${options.bucketSeconds} seconds`}::interval, finished_at, ${since}::timestamptz))::float8 as at,
           ${kind} as kind, status, count(*)::int as count
      from restores
     where finished_at >= ${since}::timestamptz
       and status in ('succeeded', 'failed', 'cancelled', 'rejected', 'expired')
     group by 1, 2, 3
     order by 1, 2, 3`);
  const durations = await db.execute<{ kind: string; p50: number; p95: number; count: number }>(sql`
    select ${kind} as kind,
           percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at))::float8 as p50,
           percentile_cont(0.95) within group (order by extract(epoch from finished_at - created_at))::float8 as p95,
           count(*)::int as count
      from restores
     where finished_at >= ${since}::timestamptz and status = 'succeeded'
     group by 1
     order by 1`);
  return {
    outcomes: outcomes.rows.map((r) => ({
      at: Number(r.at),
      kind: r.kind as FleetRestoreOutcomeCount['kind'],
      status: r.status as FleetRestoreOutcomeCount['status'],
      count: Number(r.count),
    })),
    durations: durations.rows.map((r) => ({
      kind: r.kind as FleetRestoreDurations['kind'],
      p50Seconds: Number(r.p50),
      p95Seconds: Number(r.p95),
      count: Number(r.count),
    })),
  };
}
