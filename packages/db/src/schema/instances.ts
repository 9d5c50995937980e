import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { hosts } from './hosts';
import { tenantIsolation } from './rls';
import { tenantIdColumn } from './columns';

export const instanceStatuses = [
  'creating',
  'running',
  // set when a stop/start is accepted (API); the workflow ends it in stopped/running
  'stopping',
  'stopped',
  'starting',
  'restoring',
  'deleting',
  'deleted',
  'failed',
] as const;
export type InstanceStatus = (typeof instanceStatuses)[number];

export const instances = pgTable(
  'instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    name: text('name').notNull(),
    hostId: text('host_id')
      .notNull()
      .references(() => hosts.id),
    status: text('status', { enum: instanceStatuses }).notNull().default('creating'),
    port: integer('port'),
    databaseName: text('database_name').notNull(),
    username: text('username').notNull(),
    /** envelope-encrypted (see packages/core crypto); never logged */
    passwordEnc: text('password_enc').notNull(),
    /**
     * the read-only role members get (pg_read_all_data); null on instances made before it
     * existed, until plan apply or start creates it on the host
     */
    readerUsername: text('reader_username'),
    /** envelope-encrypted, like password_enc */
    readerPasswordEnc: text('reader_password_enc'),
    /** envelope-encrypted pgBackRest repo cipher pass */
    repoCipherPassEnc: text('repo_cipher_pass_enc').notNull(),
    /** pgBackRest stanza name (stable across replace/cutover) */
    stanza: text('stanza').notNull(),
    pgVersion: integer('pg_version').notNull().default(15),
    timezone: text('timezone').notNull().default('UTC'),
    legalHold: boolean('legal_hold').notNull().default(false),
    kind: text('kind', { enum: ['primary', 'clone'] })
      .notNull()
      .default('primary'),
    sourceInstanceId: uuid('source_instance_id').references((): AnyPgColumn => instances.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /**
     * What the last probe of the instance (at each catalog sync) found wrong, in words: e.g. its
     * data volume is full, so PostgreSQL refuses writes. Null while all is well or never probed.
     */
    healthReason: text('health_reason'),
    /**
     * The instance's clock minus the control plane's, in ms, measured at each catalog sync.
     * Commit timestamps in WAL (and so time targets) are on the instance's clock.
     */
    clockSkewMs: integer('clock_skew_ms'),
    probedAt: timestamp('probed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('instances_tenant_idx').on(t.tenantId),
    uniqueIndex('instances_tenant_name_live_uq')
      .on(t.tenantId, t.name)
      .where(sql`status <> 'deleted'`),
    uniqueIndex('instances_host_port_live_uq')
      .on(t.hostId, t.port)
      .where(sql`status <> 'deleted'`),
    tenantIsolation('instances'),
  ],
).enableRLS();
