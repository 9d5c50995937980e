import type { CatalogRelation } from '@rewind/core';

/** Runs SQL as the superuser in one database of the instance (psql -At output). */
export type RunInDatabase = (database: string, sql: string) => Promise<string>;

// one JSON array per line: names with newlines or separators cannot break the parse
export const listDatabasesSql = `select json_build_array(oid, datname, dattablespace)::text
  from pg_database where datallowconn and not datistemplate order by oid`;

/**
 * Every relation file of user tables in the current database with its owning table's name: an
 * index names its table, a TOAST table (and its index) the table it belongs to. Catalogs are left
 * out: WAL events count user relations only.
 */
export const listRelationsSql = `
select json_build_array(c.oid, pg_relation_filenode(c.oid), c.relkind,
                        n.nspname, owner.relname, c.reltablespace)::text
  from pg_class c
  left join pg_index i on i.indexrelid = c.oid
  join pg_class base on base.oid = coalesce(i.indrelid, c.oid)
  left join pg_class toasted on toasted.reltoastrelid = base.oid
  join pg_class owner on owner.oid = coalesce(toasted.oid, base.oid)
  join pg_namespace n on n.oid = owner.relnamespace
 where c.relkind in ('r', 'p', 'm', 'i', 't')
   and pg_relation_filenode(c.oid) is not null
   and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
   and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'
 order by c.oid`;

// psql takes a -d argument with `=` or a URI prefix as a connection string: such a database is
// named (its own row) but its relations are not read
export const plainDatabaseName = (name: string) =>
  !name.includes('=') && !/^postgres(ql)?:\/\//i.test(name);

/** psql -At output of one JSON array per line. */
export function jsonLines(out: string): unknown[][] {
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown[]);
}

/**
 * The relfilenode → name map of every database of a running instance, with one row per database
 * (relOid 0) so a DROP DATABASE, which names only the database's OID, is named too.
 */
export async function readRelationNames(run: RunInDatabase): Promise<CatalogRelation[]> {
  const out: CatalogRelation[] = [];
  for (const [dbOid, databaseName, dbSpace] of jsonLines(
    await run('postgres', listDatabasesSql),
  ) as [number, string, number][]) {
    out.push({
      dbOid,
      databaseName,
      relOid: 0,
      relfilenode: 0,
      relkind: '',
      schemaName: null,
      tableName: null,
      tablespaceOid: dbSpace,
    });
    if (!plainDatabaseName(databaseName)) continue;
    const rows = jsonLines(await run(databaseName, listRelationsSql)) as [
      number,
      number,
      string,
      string,
      string,
      number,
    ][];
    for (const [relOid, relfilenode, relkind, schemaName, tableName, space] of rows)
      out.push({
        dbOid,
        databaseName,
        relOid,
        relfilenode,
        relkind,
        schemaName,
        tableName,
        tablespaceOid: space === 0 ? dbSpace : space,
      });
  }
  return out;
}
