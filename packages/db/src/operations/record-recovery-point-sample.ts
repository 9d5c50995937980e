import { and, eq, gt, lt } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { recoveryPointSamples } from '../schema';

/** the longest dashboard range is 30 days; a day more so a 30-day chart's first bucket is whole */
export const RECOVERY_POINT_SAMPLE_RETENTION_MS = 31 * 86_400_000;
/** catalog syncs run every 15 s; a sample a minute draws a 24 h trend with 1440 points at most */
export const RECOVERY_POINT_SAMPLE_EVERY_MS = 60_000;

/**
 * One sample of an instance's recovery point age per region, taken right after a catalog sync:
 * skipped when the instance has one from the last minute, and the instance's samples past the
 * retention bound go in the same transaction. Returns whether it wrote.
 */
export async function recordRecoveryPointSample(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  sample: { at: Date; regions: { region: string; ageSeconds: number | null }[] },
): Promise<boolean> {
  const mine = and(
    tenantWhere(recoveryPointSamples, tenantId),
    eq(recoveryPointSamples.instanceId, instanceId),
  );
  const [recent] = await tx
    .select({ id: recoveryPointSamples.id })
    .from(recoveryPointSamples)
    .where(
      and(
        mine,
        gt(
          recoveryPointSamples.sampledAt,
          new Date(sample.at.getTime() - RECOVERY_POINT_SAMPLE_EVERY_MS),
        ),
      ),
    )
    .limit(1);
  if (recent || sample.regions.length === 0) return false;
  await tx.insert(recoveryPointSamples).values(
    sample.regions.map((r) => ({
      tenantId,
      instanceId,
      region: r.region,
      sampledAt: sample.at,
      ageSeconds: r.ageSeconds,
    })),
  );
  await tx
    .delete(recoveryPointSamples)
    .where(
      and(
        mine,
        lt(
          recoveryPointSamples.sampledAt,
          new Date(sample.at.getTime() - RECOVERY_POINT_SAMPLE_RETENTION_MS),
        ),
      ),
    );
  return true;
}
