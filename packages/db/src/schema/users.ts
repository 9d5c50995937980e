import { sql } from 'drizzle-orm';
import { boolean, integer, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appRole, currentTenantId, currentUserId } from './rls';

/**
 * People are global (one person may belong to several tenants). The app role sees a user
 * only if it is the signed-in user or a member of the current tenant.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(), // stored lower-cased
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    /** embedded in the session JWT and compared per request; bumping it ends every session */
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('users_self_or_member', {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: sql`id = ${currentUserId} or exists (select 1 from memberships m where m.user_id = users.id and m.tenant_id = ${currentTenantId})`,
    }),
    // Tenant paths may end the sessions of the same people they see (a removed member); the
    // column grant (migration 0008) limits the app role's UPDATE to session_version.
    pgPolicy('users_end_sessions_self_or_member', {
      as: 'permissive',
      for: 'update',
      to: appRole,
      using: sql`id = ${currentUserId} or exists (select 1 from memberships m where m.user_id = users.id and m.tenant_id = ${currentTenantId})`,
      withCheck: sql`true`,
    }),
  ],
).enableRLS();
