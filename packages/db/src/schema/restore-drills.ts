import type { RestoreCheck, RestoreTargetSpec } from '@rewind/core';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { instances } from './instances';
import { restores } from './restores';
import { tenants } from './tenants';
import { tenantIsolation } from './rls';

export const restoreDrillStatuses = ['running', 'succeeded', 'failed'] as const;
export type RestoreDrillStatus = (typeof restoreDrillStatuses)[number];

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
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    status: text('status', { enum: restoreDrillStatuses }).notNull(),
    target: jsonb('target').$type<RestoreTargetSpec>(),
    region: text('region'),
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
