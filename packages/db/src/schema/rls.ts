import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy, pgRole } from 'drizzle-orm/pg-core';

/**
 * Roles are created by the stack (infra), not by migrations: they are cluster-wide and
 * carry passwords. Migrations only reference them.
 *   rewind_owner    owns the schema, runs migrations
 *   rewind_app      web + worker tenant paths: NOBYPASSRLS, sees one tenant per transaction
 *   rewind_platform platform-admin paths and pre-tenant auth lookups: BYPASSRLS, explicit
 */
export const appRole = pgRole('rewind_app').existing();
export const platformRole = pgRole('rewind_platform').existing();

/** The tenant of the current transaction, set with `set_config('rewind.tenant_id', id, true)`. */
export const currentTenantId: SQL = sql`nullif(current_setting('rewind.tenant_id', true), '')::uuid`;
/** The signed-in user of the current transaction (for rows that belong to a person, not a tenant). */
export const currentUserId: SQL = sql`nullif(current_setting('rewind.user_id', true), '')::uuid`;

/** The one policy every tenant-owned table carries. */
export function tenantIsolation(table: string, column: SQL = sql`tenant_id`) {
  return pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`${column} = ${currentTenantId}`,
    withCheck: sql`${column} = ${currentTenantId}`,
  });
}
