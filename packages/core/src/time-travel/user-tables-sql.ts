/**
 * The tables a table restore can copy, as the console lists them (schema, table): ordinary and
 * partitioned tables outside PostgreSQL's own schemas, partitions under their parent. Run on the
 * clone at T, it names the tables as they were then (a table dropped since is listed).
 */
export const USER_TABLES_SQL = `select n.nspname as table_schema, c.relname as table_name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p') and not c.relispartition
   and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
 order by 1, 2`;
