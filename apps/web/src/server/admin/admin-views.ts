import 'server-only';
import type { RestoreTargetSpec } from '@rewind/core';
import type {
  AuditSearchPage,
  FleetInstance,
  PlanRow,
  PlatformDrillRow,
  PlatformRestoreRow,
  TenantOverview,
} from '@rewind/db';
import type {
  AdminAuditEvent,
  AdminDrill,
  AdminFleetInstance,
  AdminPlan,
  AdminRestore,
  AdminTenant,
} from './admin-types';

export function targetLabel(t: RestoreTargetSpec): string {
  if ('latest' in t) return 'latest';
  if ('time' in t) return t.time;
  if ('lsn' in t) return `LSN ${t.lsn}`;
  if ('xid' in t) return `xid ${t.xid}`;
  return `restore point ${t.name}`;
}

export function toAdminRestore(r: PlatformRestoreRow, now: Date): AdminRestore {
  return {
    id: r.id,
    tenant: r.tenant,
    instance: r.instance,
    requestedBy: r.requestedBy,
    target: targetLabel(r.target),
    latestResolvesTo:
      'latest' in r.target && r.latestCommitAt ? r.latestCommitAt.toISOString() : null,
    resolvedTargetAt: r.resolvedTargetAt?.toISOString() ?? null,
    mode: r.mode,
    region: r.region,
    status: r.status,
    phase: r.phase,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    ageSeconds: Math.max(0, Math.round((now.getTime() - r.createdAt.getTime()) / 1000)),
  };
}

export function toAdminDrill(d: PlatformDrillRow): AdminDrill {
  return {
    ...d,
    startedAt: d.startedAt.toISOString(),
    finishedAt: d.finishedAt?.toISOString() ?? null,
  };
}

export function toAdminFleetInstance(i: FleetInstance): AdminFleetInstance {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    kind: i.kind,
    hostId: i.hostId,
    legalHold: i.legalHold,
    tenant: i.tenant,
    rpoSeconds: i.window.rpoSeconds,
    regions: i.window.regions.map((r) => ({
      region: r.region,
      earliest: r.earliest,
      latest: r.latest,
      rpoSeconds: r.rpoSeconds,
      archiveOk: r.archiveOk,
      error: r.error,
      syncedAt: r.syncedAt,
      verifiedFraction: r.verifiedFraction,
      gaps: r.gaps.length,
    })),
    lastBackup: i.window.lastBackup,
    geoCheck: i.window.geoCheck,
    lastDrill: i.lastDrill
      ? {
          ...i.lastDrill,
          startedAt: i.lastDrill.startedAt.toISOString(),
          finishedAt: i.lastDrill.finishedAt?.toISOString() ?? null,
        }
      : null,
  };
}

export function toAdminPlan(p: PlanRow): AdminPlan {
  return {
    id: p.id,
    name: p.name,
    retentionDaysMax: p.retentionDaysMax,
    fullBackupEverySeconds: p.fullBackupEverySeconds,
    diffBackupEverySeconds: p.diffBackupEverySeconds,
    incrBackupEverySeconds: p.incrBackupEverySeconds,
    archiveTimeoutSeconds: p.archiveTimeoutSeconds,
    maxInstances: p.maxInstances,
    cloneTtlHoursMax: p.cloneTtlHoursMax,
    approvalForAllRestores: p.approvalForAllRestores,
    drillEverySeconds: p.drillEverySeconds,
    drillOldestEvery: p.drillOldestEvery,
  };
}

export function toAdminTenant(t: TenantOverview): AdminTenant {
  return { ...t, createdAt: t.createdAt.toISOString() };
}

export function toAdminAuditEvent(e: AuditSearchPage['events'][number]): AdminAuditEvent {
  return {
    id: e.id,
    tenant: e.tenantId ? { id: e.tenantId, slug: e.tenantSlug } : null,
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { type: e.actorType, id: e.actorId, email: e.actorEmail },
    action: e.action,
    target: e.targetType && e.targetId ? { type: e.targetType, id: e.targetId } : null,
    data: e.data,
  };
}
