import { uuid } from 'drizzle-orm/pg-core';
import { instances } from './instances';

/** Catalog rows that describe one instance and go with it (kept apart from columns.ts: instances.ts imports that). */
export const instanceIdColumn = () =>
  uuid('instance_id')
    .notNull()
    .references(() => instances.id, { onDelete: 'cascade' });
