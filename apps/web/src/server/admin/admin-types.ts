/**
 * JSON shapes of /api/v1/admin/*. No server imports: the admin console imports these as
 * types only, so client and server agree on one definition. Shapes a package defines (checks,
 * the window's last backup and geo check, an audit event) are imported as types, not restated.
 */
import type { RestoreMode } from '@rewind/core';
import type {
  GeoCheckSummary,
  InstanceWindowRegion,
  LastBackup,
  PlatformDrillRow,
} from '@rewind/db';
import type { AuditEventView } from '../../lib/api-types';

export interface AdminTenantRef {
  id: string;
  slug: string;
  name: string;
}

export interface AdminRestore {
  id: string;
  tenant: AdminTenantRef;
  instance: { id: string; name: string };
  requestedBy: { id: string; email: string; name: string } | null;
  /** a readable rendering of the stored target, e.g. `2026-01-01T00:00:00Z` or `latest` */
  target: string;
  /**
   * For a `latest` target: the newest archived commit as of now (UTC), i.e. the second a restore
   * started now would reach; the real one is worked out when the restore starts. Else null.
   */
  latestResolvesTo: string | null;
  /** a `latest` target once the restore replayed it: the last commit its copy applied, else null */
  resolvedTargetAt: string | null;
  mode: RestoreMode;
  region: string | null;
  status: string;
  phase: string;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  ageSeconds: number;
}

/** A drill of any tenant: the platform row (region, target, backup, phases, bytes, checks) with times as strings. */
export interface AdminDrill extends Omit<PlatformDrillRow, 'startedAt' | 'finishedAt'> {
  startedAt: string;
  finishedAt: string | null;
}

/** A region of the instance's window, with its gaps counted rather than listed. */
export interface AdminFleetRegion extends Pick<
  InstanceWindowRegion,
  | 'region'
  | 'earliest'
  | 'latest'
  | 'rpoSeconds'
  | 'archiveOk'
  | 'error'
  | 'syncedAt'
  | 'verifiedFraction'
> {
  gaps: number;
}

export interface AdminFleetInstance {
  id: string;
  name: string;
  status: string;
  kind: 'primary' | 'clone';
  hostId: string;
  legalHold: boolean;
  tenant: AdminTenantRef & { planId: string };
  rpoSeconds: number | null;
  regions: AdminFleetRegion[];
  lastBackup: LastBackup | null;
  geoCheck: GeoCheckSummary | null;
  lastDrill: {
    id: string;
    status: string;
    startedAt: string;
    finishedAt: string | null;
    error: string | null;
  } | null;
}

export interface AdminPlan {
  id: string;
  name: string;
  retentionDaysMax: number;
  fullBackupEverySeconds: number;
  diffBackupEverySeconds: number | null;
  incrBackupEverySeconds: number | null;
  archiveTimeoutSeconds: number;
  maxInstances: number;
  /** Extend TTL moves a clone's expiry to at most this many hours after it was made */
  cloneTtlHoursMax: number;
  approvalForAllRestores: boolean;
  drillEverySeconds: number;
  drillOldestEvery: number | null;
}

export interface AdminTenant extends AdminTenantRef {
  planId: string;
  planName: string;
  retentionDays: number;
  instanceCount: number;
  members: { userId: string; email: string; name: string; role: string }[];
  createdAt: string;
}

/** An audit event across tenants (without the chain hashes, which only the tenant's own view verifies). */
export interface AdminAuditEvent extends Omit<AuditEventView, 'prevHash' | 'hash'> {
  tenant: { id: string; slug: string | null } | null;
}

export interface AdminAuditPage {
  events: AdminAuditEvent[];
  nextCursor: string | null;
}

/** GET /api/v1/admin/recoverability: the shape the service aggregates, not restated. */
export type { FleetRecoverabilityDashboard } from '@rewind/services';
