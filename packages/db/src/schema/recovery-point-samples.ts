import { doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn } from './columns';
import { instances } from './instances';
import { tenantIsolation } from './rls';

/**
 * Recovery point age over time: the catalog only knows the window as it is now, so each catalog
 * sync (at most one sample a minute per instance) writes one row per region with how far that
 * region's newest restorable second trailed the sync, null while nothing is restorable there.
 * History, never updated; rows older than the longest dashboard range (30 days, plus a day) are
 * deleted by the same write, so the table stays bounded per instance.
 */
export const recoveryPointSamples = pgTable(
  'recovery_point_samples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
    ageSeconds: doublePrecision('age_seconds'),
  },
  (t) => [
    index('recovery_point_samples_instance_idx').on(t.tenantId, t.instanceId, t.sampledAt),
    index('recovery_point_samples_sampled_idx').on(t.sampledAt),
    tenantIsolation('recovery_point_samples'),
  ],
).enableRLS();

export type RecoveryPointSampleRow = typeof recoveryPointSamples.$inferSelect;
