import { sql } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';

export interface FleetDrillResult {
  region: string;
  passed: number;
  failed: number;
}

/**
 * Every tenant's drills finished since `since`, per region (a drill refused before it had a
 * region is no region's result).
 */
export async function readFleetDrillResults(
  db: PlatformDb,
  options: { since: Date },
): Promise<FleetDrillResult[]> {
  const result = await db.execute<{ region: string; passed: number; failed: number }>(sql`
    select region,
           count(*) filter (where status = 'succeeded')::int as passed,
           count(*) filter (where status = 'failed')::int as failed
      from restore_drills
     where finished_at >= ${options.since.toISOString()}::timestamptz
       and status <> 'running' and region is not null
     group by 1
     order by 1`);
  return result.rows.map((r) => ({
    region: r.region,
    passed: Number(r.passed),
    failed: Number(r.failed),
  }));
}
