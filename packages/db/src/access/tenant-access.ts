import { eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '@rewind/core';

/**
 * The one tenancy helper for queries. RLS already limits the app role to the tenant of the
 * transaction; every query still names the tenant explicitly (an index-friendly WHERE, and
 * correct on the platform role too, which bypasses RLS), and every fetched row is checked.
 * Two independent guards: a bug has to defeat both to leak a row.
 */
export function tenantWhere(table: { tenantId: PgColumn }, tenantId: string): SQL {
  return eq(table.tenantId, tenantId);
}

/**
 * Raised when a row of another tenant reached code that asked for one tenant. It answers
 * 404 like any other miss (the caller must learn nothing), but has its own name so logs and
 * alerts can tell a tenancy bug from an ordinary typo in an id.
 */
export class TenantMismatchError extends AppError {
  override readonly name: string = 'TenantMismatchError';
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export function assertTenantRow<T extends { tenantId: string | null }>(
  row: T,
  tenantId: string,
  what = 'resource',
): T {
  if (row.tenantId !== tenantId) throw new TenantMismatchError(what);
  return row;
}

export function assertTenantRows<T extends { tenantId: string | null }>(
  rows: T[],
  tenantId: string,
  what = 'resource',
): T[] {
  for (const row of rows) assertTenantRow(row, tenantId, what);
  return rows;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * The fetcher contract: absent, malformed id (which PostgreSQL would reject with a 500-ish
 * cast error) and another tenant's row all look the same from outside.
 */
export function requireTenantRow<T extends { tenantId: string | null }>(
  row: T | undefined,
  tenantId: string,
  what: string,
): T {
  if (!row) throw new AppError('not_found', `${what} not found`);
  return assertTenantRow(row, tenantId, what);
}
