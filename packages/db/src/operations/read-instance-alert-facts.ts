import { and, desc, eq, max, min, ne } from 'drizzle-orm';
import type { RepositoryCheckFact, RestoreCheck } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { backups, repositoryChecks, restoreDrills } from '../schema';

export interface InstanceAlertCatalogFacts {
  newestBackupAt: Record<string, Date>;
  firstBackupAt: Date | null;
  /** the newest finished drill per region */
  latestDrills: {
    id: string;
    region: string;
    status: 'succeeded' | 'failed';
    target: unknown;
    failingCheck: string | null;
    error: string | null;
  }[];
  /** the newest scheduled repository check per region and kind */
  repositoryChecks: RepositoryCheckFact[];
}

/**
 * What the alert evaluation reads besides the window: backups per region, the last drills and
 * the newest repository checks.
 */
export async function readInstanceAlertFacts(
  tx: Tx,
  tenantId: string,
  instanceId: string,
): Promise<InstanceAlertCatalogFacts> {
  const perRegion = await tx
    .select({
      region: backups.region,
      newest: max(backups.stoppedAt),
      first: min(backups.stoppedAt),
    })
    .from(backups)
    .where(and(tenantWhere(backups, tenantId), eq(backups.instanceId, instanceId)))
    .groupBy(backups.region);
  const drills = await tx
    .selectDistinctOn([restoreDrills.region])
    .from(restoreDrills)
    .where(
      and(
        tenantWhere(restoreDrills, tenantId),
        eq(restoreDrills.instanceId, instanceId),
        ne(restoreDrills.status, 'running'),
      ),
    )
    .orderBy(restoreDrills.region, desc(restoreDrills.finishedAt));
  const checks = await tx
    .selectDistinctOn([repositoryChecks.region, repositoryChecks.kind])
    .from(repositoryChecks)
    .where(
      and(tenantWhere(repositoryChecks, tenantId), eq(repositoryChecks.instanceId, instanceId)),
    )
    .orderBy(repositoryChecks.region, repositoryChecks.kind, desc(repositoryChecks.checkedAt));
  const firsts = perRegion.flatMap((r) => (r.first ? [r.first.getTime()] : []));
  return {
    newestBackupAt: Object.fromEntries(
      perRegion.flatMap((r) => (r.newest ? [[r.region, r.newest] as const] : [])),
    ),
    firstBackupAt: firsts.length ? new Date(Math.min(...firsts)) : null,
    latestDrills: drills.flatMap((d) =>
      d.region
        ? [
            {
              id: d.id,
              region: d.region,
              status: d.status === 'succeeded' ? ('succeeded' as const) : ('failed' as const),
              target: d.target,
              failingCheck: (d.checks as RestoreCheck[]).find((c) => !c.ok)?.name ?? null,
              error: d.error,
            },
          ]
        : [],
    ),
    repositoryChecks: checks.map((c) => ({
      region: c.region,
      kind: c.kind,
      ok: c.ok,
      detail: c.detail,
      ...(c.findings.invalidFiles ? { invalidFiles: c.findings.invalidFiles } : {}),
      ...(c.findings.missingSegments ? { missingSegments: c.findings.missingSegments } : {}),
    })),
  };
}
