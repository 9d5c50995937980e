import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { instances } from './instances';
import { tenants } from './tenants';
import { tenantIsolation } from './rls';

/**
 * What each relation file of an instance was called, as catalog sync saw it: WAL names relations
 * by file node (`base/16385/16394`) and a dropped table is gone from the live catalog, so
 * `wal-events` resolves names here "as they were at the event". Only changes are written: a row
 * opens (`seen_from`) when a sync first sees a file node with that name and closes (`seen_until`)
 * at the first sync that no longer does. Indexes and TOAST files carry their table's name.
 * `rel_oid = 0` rows name the database itself (a DROP DATABASE names only its OID).
 */
export const relationNames = pgTable(
  'relation_names',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    dbOid: bigint('db_oid', { mode: 'number' }).notNull(),
    databaseName: text('database_name').notNull(),
    /** pg_class.oid (what "dropped stats" and Heap TRUNCATE name); 0 for the database row */
    relOid: bigint('rel_oid', { mode: 'number' }).notNull(),
    /** pg_class.relfilenode (what commit "rels:" and block references name); 0 for the database row */
    relfilenode: bigint('relfilenode', { mode: 'number' }).notNull(),
    /** r table, p partitioned, m materialized view, i index, t TOAST; '' for the database row */
    relkind: text('relkind').notNull(),
    /** the table's schema and name (an index's or TOAST file's owning table) */
    schemaName: text('schema_name'),
    tableName: text('table_name'),
    /** 1663 (pg_default) or the tablespace's OID, as block references print it */
    tablespaceOid: integer('tablespace_oid').notNull(),
    seenFrom: timestamp('seen_from', { withTimezone: true }).notNull(),
    seenUntil: timestamp('seen_until', { withTimezone: true }),
  },
  (t) => [
    index('relation_names_lookup_idx').on(t.tenantId, t.instanceId, t.dbOid, t.relfilenode),
    tenantIsolation('relation_names'),
  ],
).enableRLS();

export type RelationNameRow = typeof relationNames.$inferSelect;
