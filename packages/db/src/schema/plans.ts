import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Global catalogue (not tenant-owned): what each plan allows. */
export const plans = pgTable('plans', {
  id: text('id').primaryKey(), // 'free' | 'pro' | 'business' | 'enterprise'
  name: text('name').notNull(),
  retentionDaysMax: integer('retention_days_max').notNull(),
  fullBackupEverySeconds: integer('full_backup_every_seconds').notNull(),
  diffBackupEverySeconds: integer('diff_backup_every_seconds'),
  incrBackupEverySeconds: integer('incr_backup_every_seconds'),
  archiveTimeoutSeconds: integer('archive_timeout_seconds').notNull(),
  maxInstances: integer('max_instances').notNull(),
  approvalForAllRestores: boolean('approval_for_all_restores').notNull().default(false),
  /** a clone's expiry may be moved to at most this many hours after it was made */
  cloneTtlHoursMax: integer('clone_ttl_hours_max').notNull().default(168),
  /** how often a restore drill runs per instance (regions alternate, so each is drilled half as often) */
  drillEverySeconds: integer('drill_every_seconds').notNull().default(86400),
  /** every Nth drill targets the oldest restorable second instead of a random one (null: never) */
  drillOldestEvery: integer('drill_oldest_every'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
