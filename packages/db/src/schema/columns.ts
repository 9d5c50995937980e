import { uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

/** The tenant a row belongs to (RLS keys on it); rows go with their tenant. */
export const tenantIdColumn = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });
