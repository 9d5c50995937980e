import { and, asc, eq, getTableColumns, type InferSelectModel, type SQL } from 'drizzle-orm';
import type { PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../client';

/**
 * Row access for tests only (fixtures that plant rows a flow would refuse to make, and
 * assertions that read what a flow wrote). Apps never build queries themselves; their tests
 * call these. Every filter is equality on the given columns, and an update or delete without
 * one is refused: a test must never rewrite a whole table.
 */
type Handle = Db | Tx;
type Match<T extends PgTable> = Partial<InferSelectModel<T>>;

function where<T extends PgTable>(table: T, match: Match<T>): SQL {
  const columns = getTableColumns(table);
  const parts = Object.entries(match).map(([key, value]) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key} in this table`);
    return eq(column, value);
  });
  const clause = and(...parts);
  if (!clause) throw new Error('refusing a query with no filter');
  return clause;
}

/** Rows equal to `match` on every given column, optionally in ascending order of one column. */
export async function findRows<T extends PgTable>(
  db: Handle,
  table: T,
  match: Match<T>,
  options: { orderBy?: keyof InferSelectModel<T> & string } = {},
): Promise<InferSelectModel<T>[]> {
  const base = db
    .select()
    .from(table as PgTable)
    .where(where(table, match));
  const rows = options.orderBy
    ? await base.orderBy(asc(getTableColumns(table)[options.orderBy]!))
    : await base;
  return rows as InferSelectModel<T>[];
}

/** The one row equal to `match`; throws when there is none. */
export async function findRow<T extends PgTable>(
  db: Handle,
  table: T,
  match: Match<T>,
): Promise<InferSelectModel<T>> {
  const [row] = await findRows(db, table, match);
  if (!row) throw new Error(`no row matching ${JSON.stringify(match)}`);
  return row;
}

export async function insertRows<T extends PgTable>(
  db: Handle,
  table: T,
  values: PgInsertValue<T> | PgInsertValue<T>[],
): Promise<InferSelectModel<T>[]> {
  const rows = Array.isArray(values) ? values : [values];
  return (await db.insert(table).values(rows).returning()) as InferSelectModel<T>[];
}

export async function updateRows<T extends PgTable>(
  db: Handle,
  table: T,
  match: Match<T>,
  patch: PgUpdateSetSource<T>,
): Promise<InferSelectModel<T>[]> {
  return (await db
    .update(table)
    .set(patch)
    .where(where(table, match))
    .returning()) as InferSelectModel<T>[];
}

export async function deleteRows<T extends PgTable>(
  db: Handle,
  table: T,
  match: Match<T>,
): Promise<void> {
  await db.delete(table).where(where(table, match));
}
