import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  jsonb,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { appRole, currentTenantId } from './rls';

/**
 * Append-only (a trigger refuses UPDATE and DELETE, see the custom migration) and
 * hash-chained per tenant: hash = sha256(prev_hash || canonical(event)). Platform-level
 * events (no tenant) form their own chain with tenant_id null.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id').references(() => tenants.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 6 }).notNull(),
    actorType: text('actor_type', { enum: ['user', 'token', 'system'] }).notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq_uq').on(
      sql`coalesce(${t.tenantId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.seq,
    ),
    index('audit_events_tenant_at_idx').on(t.tenantId, t.at),
    pgPolicy('audit_events_tenant_read', {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: sql`tenant_id = ${currentTenantId}`,
    }),
    pgPolicy('audit_events_tenant_append', {
      as: 'permissive',
      for: 'insert',
      to: appRole,
      withCheck: sql`tenant_id = ${currentTenantId}`,
    }),
  ],
).enableRLS();

/** Sign-in attempts, for rate limiting (global, platform role only). */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip'),
    ok: text('ok', { enum: ['yes', 'no'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_at_idx').on(t.email, t.at)],
);
