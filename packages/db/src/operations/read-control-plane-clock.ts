import { sql } from 'drizzle-orm';
import type { Tx } from '../client';

/** The control plane's clock (its database's), which instance clocks are measured against. */
export async function readControlPlaneClock(tx: Tx): Promise<Date> {
  const r = await tx.execute<{ now: string }>(
    sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`,
  );
  return new Date(r.rows[0]!.now);
}
