import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from './rls';
import { tenantIdColumn } from './columns';
import { instanceIdColumn } from './instance-columns';

/** Mirror of `pgbackrest info --output=json`, one row per backup set per region (repo). */
export const backups = pgTable(
  'backups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    instanceId: instanceIdColumn(),
    region: text('region').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: ['full', 'diff', 'incr'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }).notNull(),
    beginLsn: text('begin_lsn').notNull(),
    endLsn: text('end_lsn').notNull(),
    walStart: text('wal_start').notNull(),
    walStop: text('wal_stop').notNull(),
    timeline: bigint('timeline', { mode: 'number' }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    repoSizeBytes: bigint('repo_size_bytes', { mode: 'number' }).notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('backups_instance_region_label_uq').on(t.instanceId, t.region, t.label),
    index('backups_tenant_idx').on(t.tenantId),
    tenantIsolation('backups'),
  ],
).enableRLS();

/** Archived WAL per region as contiguous segment ranges; a hole between two ranges is a gap. */
export const walRanges = pgTable(
  'wal_ranges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    instanceId: instanceIdColumn(),
    region: text('region').notNull(),
    timeline: bigint('timeline', { mode: 'number' }).notNull(),
    startSegment: text('start_segment').notNull(),
    stopSegment: text('stop_segment').notNull(),
    /** commit-time bounds of the range, when known (pg_waldump / heartbeat) */
    firstCommitAt: timestamp('first_commit_at', { withTimezone: true }),
    lastCommitAt: timestamp('last_commit_at', { withTimezone: true }),
    /** LSN and xid of that newest commit: a later sync that finds no new WAL keeps them */
    lastCommitLsn: text('last_commit_lsn'),
    lastCommitXid: text('last_commit_xid'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('wal_ranges_instance_idx').on(t.instanceId, t.region),
    tenantIsolation('wal_ranges'),
  ],
).enableRLS();

/**
 * Restore points (pg_create_restore_point) found in archived WAL per region, recorded at catalog
 * sync: a `name` target is refused unless it is here. Goes when its segment leaves the archive.
 */
export const restorePoints = pgTable(
  'restore_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    instanceId: instanceIdColumn(),
    region: text('region').notNull(),
    name: text('name').notNull(),
    /** LSN of the RESTORE_POINT record */
    lsn: text('lsn').notNull(),
    segment: text('segment').notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('restore_points_instance_region_lsn_uq').on(t.instanceId, t.region, t.lsn),
    index('restore_points_instance_name_idx').on(t.instanceId, t.name),
    tenantIsolation('restore_points'),
  ],
).enableRLS();
