/**
 * Response shapes of /api/v1, shared by the route handlers (which build them) and the
 * browser (which reads them). Times are RFC 3339 UTC strings. A shape a package already
 * defines (a restore target, a check, the window) is imported from it, never written again:
 * type-only imports, so the browser bundle loads none of those packages.
 */
import type {
  CloneDiff,
  DrillTargetKind,
  NamedDestructiveEvent,
  RelationNameResolution,
  RestoreCheck,
  RestoreMode,
  RestorePlan,
  RestoreTargetSpec,
  TableRestoreRecord,
  ConsoleQueryResult,
  ValidationExpectation,
} from '@rewind/core';
import type {
  DrillPhaseDuration,
  GeoCheckSummary,
  InstanceWindowRegion,
  LastBackup,
  RepositoryCheckFindings,
  RepositoryCheckKind,
  TenantSettings,
} from '@rewind/db';

export type {
  GeoCheckSummary,
  InstanceWindowRegion,
  LastBackup,
  RestoreCheck,
  RestoreMode,
  RestoreTargetSpec,
  ValidationExpectation,
};

export interface MeResponse {
  principal: {
    kind: 'session' | 'token';
    userId: string;
    email: string;
    name: string;
    isPlatformAdmin: boolean;
  };
  tenant: { id: string; slug: string; name: string };
  role: string;
  permissions: string[];
  tenants: Array<{ id: string; slug: string; name: string; role: string }>;
}

export interface InstanceSummary {
  id: string;
  name: string;
  status: string;
  kind: string;
  pgVersion: number;
  createdAt: string;
  /** clones only: when the clone is destroyed */
  expiresAt: string | null;
  /** list only: best recovery point age over the regions */
  rpoSeconds?: number | null;
  lastBackupAt?: string | null;
}

/**
 * owner: the role that owns the database (owners, admins); read_only: pg_read_all_data
 * (members). No password: POST /api/v1/instances/{id}/password answers InstanceCredentials.
 */
export type {
  InstanceConnectionView as InstanceConnection,
  InstanceCredentialsView as InstanceCredentials,
} from '@rewind/db';
import type { InstanceConnectionView as InstanceConnection } from '@rewind/db';

export interface InstanceDetail extends InstanceSummary {
  /** the instance's IANA zone (restore targets are also shown in it) */
  timezone?: string;
  legalHold?: boolean;
  /** clones only: the latest expiry the plan allows (Extend TTL stops there) */
  maxExpiresAt?: string | null;
  /** null for a member while the instance's read-only role is not made yet */
  connection: InstanceConnection | null;
  window: { regions: InstanceWindowRegion[] };
  /**
   * What the last probe (at each catalog sync) found wrong, e.g. a full data volume; null while
   * all is well. `status` stays the lifecycle's.
   */
  healthReason: string | null;
  /** the instance's clock minus the control plane's in ms, at the last catalog sync */
  clockSkewMs: number | null;
  probedAt: string | null;
}

export interface CreatedInstance {
  id: string;
  status: string;
}

/** POST /api/v1/instances/{id}/extend */
export interface CloneExtended {
  id: string;
  expiresAt: string;
  maxExpiresAt: string;
}

/** 202 of POST /api/v1/instances/{id}/keep: the clone is a permanent instance, `creating` until its first backups. */
export interface CloneKept {
  id: string;
  status: 'creating';
  restoreId: string;
}

/** 202 of POST …/stop, POST …/start and DELETE /api/v1/instances/{id}: the status it is in now. */
export interface InstanceActionAccepted {
  id: string;
  status: 'stopping' | 'starting' | 'deleting';
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

// the rule lives in core, shared with the API and the database op
export { INSTANCE_NAME_PATTERN, INSTANCE_NAME_RULE } from '@rewind/core/client';

/* ---- portal additions: the rest of what the /api/v1 routes answer ---- */

/** GET /api/v1/instances/{id} as the route builds it (window from the catalog). */
export interface InstanceDetailFull extends InstanceDetail {
  rpoSeconds: number | null;
  lastBackup: LastBackup | null;
  geoCheck: GeoCheckSummary | null;
}

export interface BackupItem {
  label: string;
  type: string;
  region: string;
  startedAt: string;
  stoppedAt: string;
  sizeBytes: number;
}

/** GET/POST /api/v1/instances/{id}/validation-queries: the tenant's own checks on every restored copy. */
export interface ValidationQueryView {
  id: string;
  instanceId: string;
  name: string;
  sql: string;
  expectation: ValidationExpectation;
  createdAt: string;
}

export interface RestoreRequest {
  /** `time` is sent as typed: the server refuses a time without offset (target_naive) */
  target: { time: string; inclusive?: boolean } | { xid: string; inclusive: boolean } | 'latest';
  mode?: RestoreMode;
  region?: string;
  /** replace: wait in awaiting_cutover for POST /restores/{id}/cutover */
  confirmCutover?: boolean;
}

/** POST …/restores/preflight: what would serve the target (core's plan) for this instance and mode. */
export interface PreflightResponse extends RestorePlan {
  instanceId: string;
  mode: RestoreMode;
  /** the instance's clock minus the control plane's (ms) the target was read with; notes say so when it matters */
  clockSkewMs: number | null;
}

export interface RestoreProgress {
  percent?: number;
  bytesRestored?: number;
  bytesTotal?: number;
  etaSeconds?: number;
  replayedLsn?: string;
  targetLsn?: string;
  timeline?: number;
}

/** Who asked for a restore: the approver must be someone else. `email` is null once they left the tenant. */
export interface RestoreRequester {
  id: string;
  email: string | null;
}

export interface RestoreView {
  id: string;
  instanceId: string;
  /** the source instance's IANA zone */
  timeZone: string;
  status: string;
  phase: string;
  mode: RestoreMode;
  /** null for restores nobody asked for (scheduled drills) */
  requestedBy: RestoreRequester | null;
  progress: RestoreProgress;
  target: RestoreTargetSpec;
  /** a `latest` target once the copy replayed it: the last commit it applied */
  resolvedTargetAt: string | null;
  region: string | null;
  checks: RestoreCheck[];
  /** set on a table-level restore (POST /instances/{id}/table-restores) */
  tableRestore: TableRestoreRecord | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  result: {
    instanceId: string;
    status: string;
    /** clone, or primary once kept */
    kind: string;
    expiresAt: string | null;
    maxExpiresAt: string | null;
    connection: InstanceConnection | null;
  } | null;
}

export interface RestoreListItem {
  id: string;
  instanceId: string;
  instanceName: string;
  status: string;
  phase: string;
  mode: RestoreMode;
  requestedBy: RestoreRequester | null;
  target: RestoreTargetSpec;
  region: string | null;
  resultInstanceId: string | null;
  /** a clone restore's clone: its status, kind (primary once kept) and expiry */
  clone: { status: string; kind: string; expiresAt: string | null } | null;
  error: string | null;
  /** every integrity check passed (false: one failed; null: none ran yet) */
  verified: boolean | null;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * A destructive event as the engine finds it in WAL, its commit time as `time`, named as at the
 * event, with the target that restores to just before it.
 */
export type WalEvent = Omit<NamedDestructiveEvent, 'committedAt'> & {
  time: string;
  /** where the names come from; `pending`: a restored copy's catalog is being read, ask again */
  resolution: RelationNameResolution;
};

/** GET /api/v1/restores/{id}/diff: the clone against its source, per table (core's contract). */
export type { CloneDiff };

export interface WalEventsResponse {
  from: string;
  to: string;
  events: WalEvent[];
}

export interface DrillItem {
  id: string;
  instanceId: string;
  restoreId: string | null;
  /** schedule, manual, or new_instance (one per region after the first full backup) */
  trigger: string;
  status: string;
  target: RestoreTargetSpec | null;
  /** random: a uniformly random restorable second; oldest: the window's first second */
  targetKind: DrillTargetKind | null;
  /** the region the drill was pinned to: it restored from there or failed */
  region: string | null;
  backupLabel: string | null;
  backupStoppedAt: string | null;
  phases: DrillPhaseDuration[];
  bytesRestored: number | null;
  checks: RestoreCheck[] | null;
  /** the check (or, when none ran, the phase) that failed */
  failedCheck: string | null;
  /** the archived WAL segment the failure names */
  walSegment: string | null;
  durationSeconds: number | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** GET /api/v1/instances/{id}/repository-checks: scheduled verify and WAL continuity results. */
export interface RepositoryCheckItem {
  id: string;
  region: string;
  kind: RepositoryCheckKind;
  ok: boolean;
  findings: RepositoryCheckFindings;
  detail: string;
  durationMs: number | null;
  checkedAt: string;
}

/** GET/PATCH /api/v1/tenant: the tenant's settings as the database op reads them. */
export type TenantView = TenantSettings;

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: string;
  since?: string;
}

/** POST /api/v1/members: the same answer for any email (an account or not). */
export interface InvitationCreated {
  invitation: { id: string; email: string; role: string; expiresAt: string };
  /** the link to hand to the invitee, shown once (it carries the secret) */
  acceptUrl: string;
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  user: { id: string; email: string };
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedToken {
  id: string;
  name: string;
  prefix: string;
  token: string;
  createdAt: string;
}

export interface AuditEventView {
  id: number;
  seq: number;
  at: string;
  actor: { type: string; id: string | null; email: string | null };
  action: string;
  target: { type: string; id: string } | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  events: AuditEventView[];
  nextCursor: string | null;
}

export type AuditVerify =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBroken: { seq: number; id: string; reason: string } };

/** POST /api/v1/instances/{id}/time-travel */
export interface TimeTravelView {
  restoreId: string;
  status: 'pending_approval' | 'running' | 'succeeded';
  cloneId: string | null;
  reused: boolean;
  target: RestoreTargetSpec;
}

/** POST /api/v1/instances/{id}/query */
export interface ConsoleQueryView extends ConsoleQueryResult {
  instanceId: string;
  access: 'owner' | 'read_only';
}

/** GET /api/v1/instances/{id}/recoverability: the shape the service aggregates, not restated. */
export type { InstanceRecoverabilityDashboard } from '@rewind/services';
