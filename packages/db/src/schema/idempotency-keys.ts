import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { tenantIsolation } from './rls';

/**
 * `Idempotency-Key` of a POST, per tenant: the first request's fingerprint and response, written
 * in the same transaction as what the request did. A retry with the same key (a client whose
 * connection broke, a web process restarted mid-request) gets the stored response back instead of
 * doing it again, so a restore request creates one restore or none, never two.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** sha256 of method, path and body: the same key with another request is refused */
    fingerprint: text('fingerprint').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    statusCode: integer('status_code').notNull(),
    /** the body as sent, byte for byte (jsonb would reorder keys), and its content type */
    responseBody: text('response_body').notNull(),
    contentType: text('content_type'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), tenantIsolation('idempotency_keys')],
).enableRLS();

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
