import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { RestoreMode, RestoreTargetSpec } from '@rewind/core';
import type { PlatformDb } from '../../platform-db';
import { isTenantRestore } from '../tenant-restore-filter';
import {
  instanceRegionStatus,
  instances,
  restores,
  tenants,
  users,
  type RestoreStatus,
} from '../../schema';

export interface PlatformRestoreFilter {
  statuses?: readonly RestoreStatus[];
  tenantId?: string;
  /** 1..500 */
  limit: number;
  /** createdAt of the last row of the previous page (newest first) */
  before?: Date;
}

export interface PlatformRestoreRow {
  id: string;
  tenant: { id: string; slug: string; name: string };
  instance: { id: string; name: string };
  requestedBy: { id: string; email: string; name: string } | null;
  target: RestoreTargetSpec;
  mode: RestoreMode;
  region: string | null;
  status: RestoreStatus;
  phase: string;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** the instance's newest archived commit in any region: what `latest` means as of now */
  latestCommitAt: Date | null;
  /** a `latest` target once replayed: the last commit the copy applied */
  resolvedTargetAt: Date | null;
}

/** Restores of every tenant (drills are listed with the drills), newest first: the approvals queue and the admin restore list. */
export async function listPlatformRestores(
  db: PlatformDb,
  filter: PlatformRestoreFilter,
): Promise<PlatformRestoreRow[]> {
  const where: SQL[] = [isTenantRestore()];
  if (filter.statuses && filter.statuses.length > 0)
    where.push(inArray(restores.status, [...filter.statuses]));
  if (filter.tenantId) where.push(eq(restores.tenantId, filter.tenantId));
  if (filter.before) where.push(lt(restores.createdAt, filter.before));
  const rows = await db
    .select({
      id: restores.id,
      tenantId: tenants.id,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      instanceId: instances.id,
      instanceName: instances.name,
      requesterId: users.id,
      requesterEmail: users.email,
      requesterName: users.name,
      target: restores.target,
      mode: restores.mode,
      region: restores.region,
      status: restores.status,
      phase: restores.phase,
      error: restores.error,
      createdAt: restores.createdAt,
      finishedAt: restores.finishedAt,
      resolvedTargetAt: restores.resolvedTargetAt,
      latestCommitAt: sql<
        Date | string | null
      >`(select max(${instanceRegionStatus.latestCommitAt}) from ${instanceRegionStatus} where ${instanceRegionStatus.instanceId} = ${restores.instanceId})`,
    })
    .from(restores)
    .innerJoin(tenants, eq(tenants.id, restores.tenantId))
    // the instance join also checks tenancy: a restore row pointing at another tenant's
    // instance (a bug) would vanish here rather than be shown under the wrong tenant
    .innerJoin(
      instances,
      and(eq(instances.id, restores.instanceId), eq(instances.tenantId, restores.tenantId)),
    )
    .leftJoin(users, eq(users.id, restores.requestedBy))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(restores.createdAt))
    .limit(Math.min(Math.max(filter.limit, 1), 500));
  return rows.map((r) => ({
    id: r.id,
    tenant: { id: r.tenantId, slug: r.tenantSlug, name: r.tenantName },
    instance: { id: r.instanceId, name: r.instanceName },
    requestedBy:
      r.requesterId && r.requesterEmail
        ? { id: r.requesterId, email: r.requesterEmail, name: r.requesterName ?? '' }
        : null,
    target: r.target,
    mode: r.mode,
    region: r.region,
    status: r.status,
    phase: r.phase,
    error: r.error,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    latestCommitAt: r.latestCommitAt === null ? null : new Date(r.latestCommitAt),
    resolvedTargetAt: r.resolvedTargetAt,
  }));
}
