/**
 * Workflow ids are built by the server, never taken from clients, and start with the tenant so
 * that (a) one tenant's ids can never collide with another's and (b) a visibility query by
 * prefix cannot leak across tenants. Id parts must not contain ':' (the separator).
 */

function part(kind: string, value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(value)) {
    throw new Error(`${kind} ${JSON.stringify(value)} cannot be part of a workflow id`);
  }
  return value;
}

export function tenantPrefix(tenantId: string): string {
  return `tenant:${part('tenant id', tenantId)}:`;
}

function instanceBase(tenantId: string, instanceId: string): string {
  return `${tenantPrefix(tenantId)}instance:${part('instance id', instanceId)}`;
}

export const workflowIds = {
  createInstance: (tenantId: string, instanceId: string) =>
    `${instanceBase(tenantId, instanceId)}:create`,
  /** a clone kept as a permanent instance: one per instance, a second request finds it running */
  keepClone: (tenantId: string, instanceId: string) => `${instanceBase(tenantId, instanceId)}:keep`,
  deleteInstance: (tenantId: string, instanceId: string) =>
    `${instanceBase(tenantId, instanceId)}:delete`,
  /** one id per requested backup; `requestId` makes a double-click start one backup, not two */
  backup: (tenantId: string, instanceId: string, requestId: string) =>
    `${instanceBase(tenantId, instanceId)}:backup:${part('request id', requestId)}`,
  /** the Temporal Schedule that drives full/diff/incr backups of an instance */
  backupSchedule: (tenantId: string, instanceId: string) =>
    `${instanceBase(tenantId, instanceId)}:backup-schedule`,
  restore: (tenantId: string, instanceId: string, restoreId: string) =>
    `${instanceBase(tenantId, instanceId)}:restore:${part('restore id', restoreId)}`,
  /** one comparison of a restore's clone with its source (GET …/restores/{id}/diff) */
  restoreDiff: (tenantId: string, instanceId: string, restoreId: string, requestId: string) =>
    `${instanceBase(tenantId, instanceId)}:restore:${part('restore id', restoreId)}:diff:${part('request id', requestId)}`,
  drill: (tenantId: string, instanceId: string, drillId: string) =>
    `${instanceBase(tenantId, instanceId)}:drill:${part('drill id', drillId)}`,
  /** one delivery of one alert event (opened or resolved) to the tenant's webhooks */
  alertDelivery: (tenantId: string, alertId: string, event: string, seenAt: number) =>
    `${tenantPrefix(tenantId)}alert:${part('alert id', alertId)}:${part('event', event)}:${part('seen at', String(seenAt))}`,
  /** scheduled pgbackrest verify + WAL continuity of both regions' repositories */
  repositoryCheck: (tenantId: string, instanceId: string, runId: string) =>
    `${instanceBase(tenantId, instanceId)}:repo-check:${part('run id', runId)}`,
  catalogSync: (tenantId: string, instanceId: string) =>
    `${instanceBase(tenantId, instanceId)}:catalog-sync`,
  /** one read of destructive events in archived WAL (GET …/wal-events) */
  findWalEvents: (tenantId: string, instanceId: string, requestId: string) =>
    `${instanceBase(tenantId, instanceId)}:wal-events:${part('request id', requestId)}`,
  /** one per event xid: names what no catalog sync saw from a clone at just before it (once) */
  relationNames: (tenantId: string, instanceId: string, xid: string) =>
    `${instanceBase(tenantId, instanceId)}:relation-names:${part('xid', xid)}`,
  /** one query of the read-only console (time travel), on a clone at T or the live instance */
  consoleQuery: (tenantId: string, instanceId: string, requestId: string) =>
    `${instanceBase(tenantId, instanceId)}:console:${part('request id', requestId)}`,
  /** one table-level restore: its transient clone restore is its child */
  tableRestore: (tenantId: string, instanceId: string, restoreId: string) =>
    `${instanceBase(tenantId, instanceId)}:table-restore:${part('restore id', restoreId)}`,
  /** one per operator request to rebuild the instance's repositories from object versions */
  repoRecover: (tenantId: string, instanceId: string, recoveryId: string) =>
    `${instanceBase(tenantId, instanceId)}:repo-recover:${part('recovery id', recoveryId)}`,
  stopInstance: (tenantId: string, instanceId: string) =>
    `${instanceBase(tenantId, instanceId)}:stop`,
  startInstance: (tenantId: string, instanceId: string) =>
    `${instanceBase(tenantId, instanceId)}:start`,
  /**
   * one per tenant at a time: brings every instance to the tenant's current plan (started with
   * signalWithStart, so a second change while it runs queues one more pass instead of a rival run)
   */
  applyTenantPlan: (tenantId: string) => `${tenantPrefix(tenantId)}apply-plan`,
  /** not tenant-scoped: platform-level health check of one host */
  stackProbe: (hostId: string, nonce: string) =>
    `platform:host:${part('host id', hostId)}:probe:${part('nonce', nonce)}`,
} as const;

export interface ParsedWorkflowId {
  tenantId: string;
  instanceId: string;
  kind: string;
  subId?: string;
}

/** Inverse of the tenant-scoped builders; undefined for anything else (pure). */
export function parseWorkflowId(id: string): ParsedWorkflowId | undefined {
  const m = /^tenant:([^:]+):instance:([^:]+):([a-z-]+)(?::([^:]+))?$/.exec(id);
  if (!m) return undefined;
  const [, tenantId, instanceId, kind, subId] = m;
  return {
    tenantId: tenantId!,
    instanceId: instanceId!,
    kind: kind!,
    ...(subId !== undefined ? { subId } : {}),
  };
}

export function belongsToTenant(workflowId: string, tenantId: string): boolean {
  return workflowId.startsWith(tenantPrefix(tenantId));
}

/** Platform-level (not tenant-scoped) ids of the daily audit export. */
export const auditExportIds = {
  schedule: 'platform:audit-export:daily',
} as const;
