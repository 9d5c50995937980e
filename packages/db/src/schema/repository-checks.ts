import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { instances } from './instances';
import { tenants } from './tenants';
import { tenantIsolation } from './rls';

export const repositoryCheckKinds = ['verify', 'wal_continuity'] as const;
export type RepositoryCheckKind = (typeof repositoryCheckKinds)[number];

/** What one check found, in a shape an alert can name (segments, backups, pgBackRest's lines). */
export interface RepositoryCheckFindings {
  /** verify: files whose checksum or size did not match, as pgBackRest names them */
  invalidFiles?: string[];
  /** wal_continuity: segments missing between the oldest retained backup's WAL and the newest */
  missingSegments?: string[];
  /** wal_continuity: the span that was checked */
  fromSegment?: string | null;
  toSegment?: string | null;
  segmentsChecked?: number;
  /** verify: pgBackRest's own report lines */
  lines?: string[];
}

/**
 * One scheduled check of one region's repository of an instance: `pgbackrest verify` (every file
 * against its checksum) or the WAL continuity from the oldest retained backup to the newest
 * archived segment. Rows are history, never updated.
 */
export const repositoryChecks = pgTable(
  'repository_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id),
    region: text('region').notNull(),
    kind: text('kind', { enum: repositoryCheckKinds }).notNull(),
    ok: boolean('ok').notNull(),
    findings: jsonb('findings').$type<RepositoryCheckFindings>().notNull().default({}),
    detail: text('detail').notNull(),
    durationMs: integer('duration_ms'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('repository_checks_instance_idx').on(t.tenantId, t.instanceId, t.region, t.checkedAt),
    tenantIsolation('repository_checks'),
  ],
).enableRLS();

export type RepositoryCheckRow = typeof repositoryChecks.$inferSelect;
