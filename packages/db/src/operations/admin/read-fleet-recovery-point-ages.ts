import { sql } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';

export interface FleetRecoveryPointAges {
  /**
   * samples per bin: `counts[i]` holds ages in [edges[i-1], edges[i]) (index 0: below the first
   * edge; the last index: at or above the last edge)
   */
  counts: number[];
  /** samples where no region had a restorable second */
  none: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
  instances: number;
}

/**
 * The distribution of the fleet's recovery point age since `since`: every catalog-sync sample of
 * every instance, taking the instance's best region at that moment (what a restore could reach).
 */
export async function readFleetRecoveryPointAges(
  db: PlatformDb,
  options: { since: Date; edgesSeconds: readonly number[] },
): Promise<FleetRecoveryPointAges> {
  const edges = `{${options.edgesSeconds.join(',')}}`;
  const best = sql`
    select instance_id, sampled_at, min(age_seconds) as age
      from recovery_point_samples
     where sampled_at >= ${options.since.toISOString()}::timestamptz
     group by 1, 2`;
  const bins = await db.execute<{ bin: number | null; count: number }>(sql`
    select width_bucket(age, ${edges}::float8[]) as bin, count(*)::int as count
      from (${best}) b group by 1`);
  const stats = await db.execute<{ p50: number | null; p95: number | null; instances: number }>(sql`
    select percentile_cont(0.5) within group (order by age)::float8 as p50,
           percentile_cont(0.95) within group (order by age)::float8 as p95,
           count(distinct instance_id)::int as instances
      from (${best}) b`);
  const counts: number[] = Array.from({ length: options.edgesSeconds.length + 1 }, () => 0);
  let none = 0;
  for (const r of bins.rows) {
    if (r.bin === null) none += Number(r.count);
    else counts[Number(r.bin)] = Number(r.count);
  }
  const s = stats.rows[0];
  return {
    counts,
    none,
    p50Seconds: s?.p50 == null ? null : Number(s.p50),
    p95Seconds: s?.p95 == null ? null : Number(s.p95),
    instances: Number(s?.instances ?? 0),
  };
}
