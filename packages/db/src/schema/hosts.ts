import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Data-plane hosts (global). Each polls its own Temporal task queue `host:<id>`. */
export const hosts = pgTable('hosts', {
  id: text('id').primaryKey(),
  taskQueue: text('task_queue').notNull(),
  portMin: integer('port_min').notNull(),
  portMax: integer('port_max').notNull(),
  status: text('status', { enum: ['active', 'draining', 'down'] })
    .notNull()
    .default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
