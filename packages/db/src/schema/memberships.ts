import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { tenantIsolation } from './rls';
import { tenantIdColumn } from './columns';

export const tenantRoles = ['owner', 'admin', 'member'] as const;
export type TenantRole = (typeof tenantRoles)[number];

export const memberships = pgTable(
  'memberships',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: tenantRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), tenantIsolation('memberships')],
).enableRLS();
