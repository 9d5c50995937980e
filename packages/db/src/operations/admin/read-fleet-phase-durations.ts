import { sql } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';

export interface FleetPhaseDuration {
  phase: string;
  p50Seconds: number;
  p95Seconds: number;
  /** how many restores went through the phase */
  count: number;
}

/**
 * Median and 95th percentile of every restore phase (from `restores.phase_durations`, written as
 * each phase ends) over the restores requested since `since`, drills' included, in the order the
 * phases run (their mean position in the restores' histories).
 */
export async function readFleetPhaseDurations(
  db: PlatformDb,
  options: { since: Date },
): Promise<FleetPhaseDuration[]> {
  const result = await db.execute<{
    phase: string;
    p50: number;
    p95: number;
    count: number;
  }>(sql`
    select p.value->>'phase' as phase,
           percentile_cont(0.5) within group (order by (p.value->>'seconds')::float8)::float8 as p50,
           percentile_cont(0.95) within group (order by (p.value->>'seconds')::float8)::float8 as p95,
           count(*)::int as count
      from restores r cross join lateral jsonb_array_elements(r.phase_durations) with ordinality as p(value, n)
     where r.created_at >= ${options.since.toISOString()}::timestamptz
     group by 1
     order by avg(p.n), 1`);
  return result.rows.map((r) => ({
    phase: r.phase,
    p50Seconds: Number(r.p50),
    p95Seconds: Number(r.p95),
    count: Number(r.count),
  }));
}
