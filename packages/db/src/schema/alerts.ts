import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instances } from './instances';
import { tenants } from './tenants';
import { users } from './users';
import { tenantIsolation } from './rls';
import { tenantIdColumn } from './columns';

export const alertKinds = [
  'drill_failed',
  'wal_gap',
  'archive_lag',
  'geo_check_red',
  'verify_failed',
  'backup_missed',
  'retention_coverage',
  'data_volume_full',
  'prometheus',
] as const;
export type AlertKind = (typeof alertKinds)[number];

/** What an alert names; every field is optional because each kind names a different subset. */
export interface AlertDetail {
  region?: string;
  /** a drill's target, as the drill recorded it */
  target?: unknown;
  failingCheck?: string;
  segment?: string;
  drillId?: string;
  /** the measured value against its bound (lag seconds, coverage ratio, backup age) */
  value?: number;
  bound?: number;
  /** verify_failed: which repository checks failed and what they named */
  checks?: string[];
  invalidFiles?: string[];
  missingSegments?: string[];
  /** Prometheus labels and annotations of a fleet alert */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * One alert, deduplicated by `key` (kind + instance + region, or Alertmanager's fingerprint):
 * raising an open alert again only moves `last_seen_at`; raising a resolved one reopens it.
 * A fleet alert (from Prometheus) has no tenant: tenants never see it, the platform does.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id').references(() => instances.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    kind: text('kind', { enum: alertKinds }).notNull(),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    summary: text('summary').notNull(),
    detail: jsonb('detail').$type<AlertDetail>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alerts_key_uq').on(t.key),
    index('alerts_tenant_status_idx').on(t.tenantId, t.status, t.lastSeenAt),
    // tenant_id = current tenant: a fleet alert's null tenant never matches, so it stays hidden
    tenantIsolation('alerts'),
  ],
).enableRLS();

export type AlertRow = typeof alerts.$inferSelect;

/** A tenant's webhook: every alert of its instances that opens or resolves is POSTed there. */
export const alertWebhooks = pgTable(
  'alert_webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    url: text('url').notNull(),
    /** the signing secret, envelope-encrypted with REWIND_SECRET_KEY; shown once at creation */
    secretEnc: text('secret_enc').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [index('alert_webhooks_tenant_idx').on(t.tenantId), tenantIsolation('alert_webhooks')],
).enableRLS();

export type AlertWebhookRow = typeof alertWebhooks.$inferSelect;

/** One alert event (opened or resolved) to one webhook: its attempts and the last answer. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => alertWebhooks.id, { onDelete: 'cascade' }),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    event: text('event', { enum: ['opened', 'resolved'] }).notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseCode: integer('response_code'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  },
  (t) => [
    index('alert_deliveries_tenant_idx').on(t.tenantId, t.createdAt),
    tenantIsolation('alert_deliveries'),
  ],
).enableRLS();

export type AlertDeliveryRow = typeof alertDeliveries.$inferSelect;
