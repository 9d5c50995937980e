import { AppError } from '../errors/app-error';

/**
 * A table-level restore (issue 16 part 3): chosen tables, or every table of one schema, as of a
 * target, copied from a transient clone into the live instance. Pure rules shared by the API,
 * the workflow and the portal.
 */

/** `into`: a new schema beside the live tables, or the live tables replaced in one transaction. */
export const tableRestoreModes = ['new_schema', 'replace'] as const;
export type TableRestoreMode = (typeof tableRestoreModes)[number];

export interface QualifiedTable {
  schema: string;
  table: string;
}

/** What a table restore copies, as stored on its restore (restores.table_restore) and passed to the workflow. */
export interface TableRestoreSpec {
  into: TableRestoreMode;
  /** the tables, schema-qualified; empty when `schema` is given */
  tables: QualifiedTable[];
  /** every table of this schema (instead of `tables`) */
  schema: string | null;
  /** `restored_<yyyymmddhhmmss>`: where the tables land (new_schema) or are staged (replace) */
  stagingSchema: string;
}

export interface TableRestoreOutcome {
  /** rows copied per table, as `schema.table` */
  tables: Array<{ name: string; rows: number }>;
  /** foreign keys of the copied tables that point at tables outside the copy, dropped in the copy */
  droppedForeignKeys: string[];
}

/** Limits that keep one request small enough to judge: a table restore is not a full restore. */
export const TABLE_RESTORE_LIMITS = { tables: 50 } as const;

// PostgreSQL identifiers as a person types them: unquoted, lower case (what `create table Orders` makes)
const IDENT = /^[a-z_][a-z0-9_$]{0,62}$/;

/** `orders` → public.orders, `sales.orders` → sales.orders; anything else is refused with why. */
export function parseQualifiedTable(input: unknown): QualifiedTable {
  if (typeof input !== 'string')
    throw new AppError('validation_failed', 'each table must be a name such as "public.orders"');
  const parts = input.trim().split('.');
  if (parts.length > 2 || !parts.every((p) => IDENT.test(p)))
    throw new AppError(
      'validation_failed',
      `table ${JSON.stringify(input)} must be a lower-case name, optionally schema-qualified ("orders" or "public.orders")`,
    );
  return parts.length === 2
    ? { schema: parts[0]!, table: parts[1]! }
    : { schema: 'public', table: parts[0]! };
}

export function parseSchemaName(input: unknown): string {
  if (typeof input !== 'string' || !IDENT.test(input))
    throw new AppError(
      'validation_failed',
      'schema must be a lower-case name such as "public" or "sales"',
    );
  if (input === 'pg_catalog' || input === 'information_schema' || input.startsWith('pg_'))
    throw new AppError('validation_failed', `schema ${input} is PostgreSQL's own`);
  return input;
}

export function qualifiedName(t: QualifiedTable): string {
  return `${t.schema}.${t.table}`;
}

/** `restored_20261122140459`: the target's second in UTC (else the request's), as the issue names it. */
export function stagingSchemaName(at: Date): string {
  const iso = at.toISOString();
  return `restored_${iso.slice(0, 19).replace(/[-T:]/g, '')}`;
}

/**
 * What a person types to confirm a replace: the tables it overwrites, so a confirmation for one
 * request cannot be reused for another (`replace public.orders, public.items`).
 */
export function replaceConfirmation(spec: Pick<TableRestoreSpec, 'tables' | 'schema'>): string {
  if (spec.schema !== null) return `replace schema ${spec.schema}`;
  return `replace ${spec.tables.map(qualifiedName).join(', ')}`;
}

/** restores.table_restore: the spec, then where the copy into the live instance stands. */
export interface TableRestoreRecord extends TableRestoreSpec {
  /** waiting for the transient clone → copying into the live instance → copied (or failed) */
  state: 'cloning' | 'copying' | 'copied' | 'failed';
  /** replace: what depended on the live tables when the replace was confirmed */
  dependents?: { foreignKeys: string[]; views: string[] };
  outcome?: TableRestoreOutcome;
  error?: string;
}
