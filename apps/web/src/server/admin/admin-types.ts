/**
 * JSON shapes of /api/v1/admin/*. No server imports: the admin console imports these as
 * types only, so client and server agree on one definition.
 */
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
  mode: 'clone' | 'replace';
  region: string | null;
  status: string;
  phase: string;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  ageSeconds: number;
}

export interface AdminDrill {
  id: string;
  tenant: AdminTenantRef;
  instance: { id: string; name: string };
  restoreId: string | null;
  trigger: 'schedule' | 'manual';
  status: string;
  region: string | null;
  checks: { name: string; ok: boolean; detail: string }[];
  durationSeconds: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface AdminFleetRegion {
  region: string;
  earliest: string | null;
  latest: string | null;
  rpoSeconds: number | null;
  archiveOk: boolean;
  error: string | null;
  syncedAt: string | null;
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
  lastBackup: { label: string; type: string; region: string; stoppedAt: string } | null;
  geoCheck: { ok: boolean; missingSegments: number; missingBackups: number; lagSeconds: number | null; detail: string | null; checkedAt: string } | null;
  lastDrill: { id: string; status: string; startedAt: string; finishedAt: string | null; error: string | null } | null;
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
  approvalForAllRestores: boolean;
}

export interface AdminTenant extends AdminTenantRef {
  planId: string;
  planName: string;
  retentionDays: number;
  instanceCount: number;
  members: { userId: string; email: string; name: string; role: string }[];
  createdAt: string;
}

export interface AdminAuditEvent {
  id: number;
  tenant: { id: string; slug: string | null } | null;
  seq: number;
  at: string;
  actor: { type: string; id: string | null; email: string | null };
  action: string;
  target: { type: string; id: string } | null;
  data: Record<string, unknown>;
}

export interface AdminAuditPage {
  events: AdminAuditEvent[];
  nextCursor: string | null;
}
