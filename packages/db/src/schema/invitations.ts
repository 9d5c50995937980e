import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn } from './columns';
import { tenantRoles } from './memberships';
import { tenantIsolation } from './rls';
import { users } from './users';

/**
 * An owner's offer of a role to an email address. Nobody becomes a member without accepting:
 * the invitee signs in with that email and presents the link's token. Only a SHA-256 of the
 * token is stored (as for API tokens). Rows belong to the inviting tenant (RLS); the invitee
 * reaches a row only through the token, looked up pre-tenant by the platform role.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantIdColumn(),
    email: text('email').notNull(), // stored lower-cased, like users.email
    role: text('role', { enum: tenantRoles }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // one open invitation per email and tenant: inviting again replaces it
    uniqueIndex('invitations_open_email_idx')
      .on(t.tenantId, t.email)
      .where(sql`accepted_at is null`),
    index('invitations_tenant_idx').on(t.tenantId),
    tenantIsolation('invitations'),
  ],
).enableRLS();
