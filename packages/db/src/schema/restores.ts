import type { RestoreCheck, RestoreTargetSpec, TableRestoreRecord } from '@rewind/core';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instances } from './instances';
import { tenants } from './tenants';
import { users } from './users';
import { tenantIsolation } from './rls';

export const restoreStatuses = [
  'pending_approval',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'rejected',
  'expired',
] as const;
export type RestoreStatus = (typeof restoreStatuses)[number];

/** One ended phase of a restore (validating, provisioning, restoring, checking, …). */
export interface RestorePhaseDuration {
  phase: string;
  seconds: number;
}

export const restores = pgTable(
  'restores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id),
    requestedBy: uuid('requested_by').references(() => users.id),
    workflowId: text('workflow_id').notNull().unique(),
    target: jsonb('target').$type<RestoreTargetSpec>().notNull(),
    mode: text('mode', { enum: ['clone', 'replace'] }).notNull(),
    region: text('region'),
    status: text('status', { enum: restoreStatuses }).notNull(),
    phase: text('phase').notNull().default('validating'),
    /** when `phase` was entered: the phase-duration metric observes each phase as it ends */
    phaseStartedAt: timestamp('phase_started_at', { withTimezone: true }),
    /**
     * every phase that has ended, in order, with its seconds (`phase_started_at` to the next
     * phase): the history the RTO-by-phase dashboard reads; the metric observes the same moments
     */
    phaseDurations: jsonb('phase_durations').$type<RestorePhaseDuration[]>().notNull().default([]),
    progress: jsonb('progress').$type<Record<string, unknown>>().notNull().default({}),
    checks: jsonb('checks').$type<RestoreCheck[]>().notNull().default([]),
    resultInstanceId: uuid('result_instance_id').references(() => instances.id),
    /**
     * set on a table-level restore (issue 16 part 3): the clone is transient, and what it copies
     * into the live instance (the spec, then its outcome or error) is kept here
     */
    tableRestore: jsonb('table_restore').$type<TableRestoreRecord>(),
    /** a `latest` target, once the copy replayed it: the last commit the restored copy applied */
    resolvedTargetAt: timestamp('resolved_target_at', { withTimezone: true }),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('restores_tenant_idx').on(t.tenantId, t.createdAt), tenantIsolation('restores')],
).enableRLS();

export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    restoreId: uuid('restore_id')
      .notNull()
      .references(() => restores.id, { onDelete: 'cascade' }),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('approvals_restore_idx').on(t.restoreId), tenantIsolation('approvals')],
).enableRLS();

/** The tenant's own checks run against every restored copy, e.g. `select count(*) from orders` > 0. */
export const validationQueries = pgTable(
  'validation_queries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sql: text('sql').notNull(),
    expectation: text('expectation', { enum: ['non_empty', 'positive_count', 'zero_rows'] })
      .notNull()
      .default('positive_count'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // names identify a check in every restore's report: one of each per instance (the create
  // operation says so nicely first; this is the guarantee)
  (t) => [
    uniqueIndex('validation_queries_instance_name_idx').on(t.instanceId, t.name),
    tenantIsolation('validation_queries'),
  ],
).enableRLS();
