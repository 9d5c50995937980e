import type { DrillTargetKind, RestoreCheck, RestoreTargetSpec } from '@rewind/core';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { instances } from './instances';
import { restores, type RestorePhaseDuration } from './restores';
import { tenants } from './tenants';
import { tenantIsolation } from './rls';

export const restoreDrillStatuses = ['running', 'succeeded', 'failed'] as const;
export type RestoreDrillStatus = (typeof restoreDrillStatuses)[number];

/** schedule: the plan's cadence; manual: on demand; new_instance: after an instance's first full backup */
export const restoreDrillTriggers = ['schedule', 'manual', 'new_instance'] as const;
export type RestoreDrillTrigger = (typeof restoreDrillTriggers)[number];

/** How long one phase of the drill's restore took: the restore's own contract. */
export type DrillPhaseDuration = RestorePhaseDuration;

/**
 * A restore drill: a scheduled (or on-demand) restore of an instance to a recent target as a
 * short-lived clone, checked and destroyed. The restore itself is an ordinary `restores` row
 * (same workflow, same checks); this row marks it as a drill and keeps the verdict.
 */
export const restoreDrills = pgTable(
  'restore_drills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id),
    /** null until the drill has planned its restore (a drill refused by planning has none) */
    restoreId: uuid('restore_id').references(() => restores.id),
    workflowId: text('workflow_id').notNull().unique(),
    trigger: text('trigger', { enum: restoreDrillTriggers }).notNull(),
    status: text('status', { enum: restoreDrillStatuses }).notNull(),
    target: jsonb('target').$type<RestoreTargetSpec>(),
    /** the region the drill is pinned to: it restores from there or fails, never falls back */
    region: text('region'),
    /** random: a uniformly random restorable second; oldest: the window's first second */
    targetKind: text('target_kind').$type<DrillTargetKind>(),
    /** the scheduled drill's number for this instance (regions and kinds follow it); null otherwise */
    sequence: integer('sequence'),
    backupLabel: text('backup_label'),
    /** the backup's stop time: a successful drill proves [this, target] in its region */
    backupStoppedAt: timestamp('backup_stopped_at', { withTimezone: true }),
    phases: jsonb('phases').$type<DrillPhaseDuration[]>().notNull().default([]),
    /** size of the restored data directory before WAL replay */
    bytesRestored: bigint('bytes_restored', { mode: 'number' }),
    /** the check that failed first (a check name, or the phase that failed when no check ran) */
    failedCheck: text('failed_check'),
    /** the archived WAL segment a failure names, when it names one */
    walSegment: text('wal_segment'),
    checks: jsonb('checks').$type<RestoreCheck[]>().notNull().default([]),
    /** seconds from the drill's start until its checks had answered */
    durationSeconds: integer('duration_seconds'),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('restore_drills_instance_idx').on(t.tenantId, t.instanceId, t.startedAt),
    tenantIsolation('restore_drills'),
  ],
).enableRLS();

export type RestoreDrillRow = typeof restoreDrills.$inferSelect;
