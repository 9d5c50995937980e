import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { recoveryPointSamples } from '../schema';

export interface RecoveryPointTrendPoint {
  region: string;
  /** start of the bucket, unix seconds */
  at: number;
  /** the worst (largest) recovery point age sampled in the bucket; null: nothing restorable */
  maxAgeSeconds: number | null;
  samples: number;
}

/**
 * The instance's recovery point age per region since `since`, in buckets of `bucketSeconds`
 * aligned on `since` (only buckets with samples). The worst sample of a bucket stands for it:
 * a trend of the best would hide the minute the archive stalled.
 */
export async function readRecoveryPointTrend(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  options: { since: Date; bucketSeconds: number },
): Promise<RecoveryPointTrendPoint[]> {
  const t = recoveryPointSamples;
  const bucket = sql<number>`extract(epoch from date_bin(${`${options.bucketSeconds} seconds`}::interval, ${t.sampledAt}, ${options.since.toISOString()}::timestamptz))::float8`;
  return tx
    .select({
      region: t.region,
      at: bucket,
      maxAgeSeconds: sql<number | null>`max(${t.ageSeconds})`,
      samples: sql<number>`count(*)::int`,
    })
    .from(t)
    .where(
      and(tenantWhere(t, tenantId), eq(t.instanceId, instanceId), gte(t.sampledAt, options.since)),
    )
    .groupBy(t.region, sql`2`)
    .orderBy(asc(sql`2`), asc(t.region));
}
