import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantIsolation } from './rls';
import { tenantIdColumn } from './columns';
import { instanceIdColumn } from './instance-columns';

/**
 * What the control plane last learned about one instance in one region: the newest commit
 * in archived WAL there (the window's `latest`), archive health, and when it was synced.
 */
export const instanceRegionStatus = pgTable(
  'instance_region_status',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    instanceId: instanceIdColumn(),
    region: text('region').notNull(),
    latestCommitAt: timestamp('latest_commit_at', { withTimezone: true, precision: 6 }),
    latestCommitLsn: text('latest_commit_lsn'),
    latestCommitXid: text('latest_commit_xid'),
    newestSegment: text('newest_segment'),
    /** restore points are recorded from every archived segment up to and including this one */
    restorePointsScannedThrough: text('restore_points_scanned_through'),
    /**
     * A quiet database: when catalog sync last found every WAL byte the instance had written
     * archived in this region (through `archived_through_segment`); the window reaches it.
     */
    archivedThroughAt: timestamp('archived_through_at', { withTimezone: true, precision: 6 }),
    archivedThroughSegment: text('archived_through_segment'),
    /** WAL the instance had written that this region did not hold yet, at the last sync (bytes) */
    unarchivedWalBytes: bigint('unarchived_wal_bytes', { mode: 'number' }),
    archiveOk: boolean('archive_ok').notNull().default(false),
    error: text('error'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('instance_region_status_uq').on(t.instanceId, t.region),
    tenantIsolation('instance_region_status'),
  ],
).enableRLS();

/** Region B against region A for one stanza: does B hold every segment and backup A holds? */
export const geoChecks = pgTable(
  'geo_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    instanceId: instanceIdColumn(),
    ok: boolean('ok').notNull(),
    missingSegments: integer('missing_segments').notNull().default(0),
    missingBackups: integer('missing_backups').notNull().default(0),
    /** seconds region B's newest archived commit trails region A's */
    lagSeconds: bigint('lag_seconds', { mode: 'number' }),
    detail: text('detail'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('geo_checks_instance_idx').on(t.instanceId, t.checkedAt),
    tenantIsolation('geo_checks'),
  ],
).enableRLS();

/** Each daily export of a tenant's new audit events to the retention-protected bucket. */
export const auditExports = pgTable(
  'audit_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
    region: text('region').notNull(),
    objectKey: text('object_key').notNull(),
    lastHash: text('last_hash').notNull(),
    exportedAt: timestamp('exported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_exports_tenant_idx').on(t.tenantId, t.toSeq),
    tenantIsolation('audit_exports'),
  ],
).enableRLS();
