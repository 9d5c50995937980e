import type { EngineConfig } from '../../engine-config';
import { runSql, sqlIdentifier, sqlLiteral, type SqlTarget } from '../cluster';
import { replaceStatements } from './replace-statements';

type Db = SqlTarget & { database: string };

/**
 * Replaces each live table's rows with the staged copy's, all tables in one transaction, as the
 * owner role: by primary key, the rows T lacked deleted and T's inserted or updated in place
 * (replaceStatements; never DROP/RENAME, so views, grants and foreign keys that depend on the live
 * table stay attached to it, and a row another table references survives the swap). Each table is locked for the swap only, so
 * writers to other tables never wait; a foreign key the old rows would break fails the whole
 * transaction and nothing changes. The staging schema goes in the same transaction.
 */
export async function replaceTablesFromStaging(
  config: Pick<EngineConfig, 'pgBinDir'>,
  live: Db,
  input: { staging: string; owner: string; tables: readonly string[] },
): Promise<Array<{ name: string; rows: number }>> {
  const statements = [
    'BEGIN;',
    "SET LOCAL lock_timeout = '30s';",
    `SET LOCAL ROLE ${sqlIdentifier(input.owner)};`,
  ];
  for (const name of input.tables) {
    const table = name.slice(name.indexOf('.') + 1);
    const staged = `${sqlIdentifier(input.staging)}.${sqlIdentifier(table)}`;
    const [columns, primaryKey] = (
      await runSql(
        config,
        live,
        `select json_build_array(
           (select json_agg(attname order by attnum) from pg_attribute
             where attrelid = ${sqlLiteral(`${input.staging}.${table}`)}::regclass
               and attnum > 0 and not attisdropped and attgenerated = ''),
           (select coalesce(json_agg(a.attname order by array_position(i.indkey::int2[], a.attnum)), '[]')
              from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
             where i.indrelid = ${sqlLiteral(name)}::regclass and i.indisprimary))::text`,
        { context: `reading the columns and primary key of ${name}` },
      )
    )
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as [string[], string[]])[0]!;
    statements.push(...replaceStatements({ live: name, staged, columns, primaryKey }));
  }
  statements.push(
    ...input.tables.map((name) => `SELECT ${sqlLiteral(name)}, count(*) FROM ${name};`),
    `DROP SCHEMA ${sqlIdentifier(input.staging)} CASCADE;`,
    'COMMIT;',
  );
  const out = await runSql(config, live, statements.join('\n'), {
    context: `replacing ${input.tables.join(', ')} in the live instance`,
    timeoutMs: 60 * 60_000,
  });
  return out
    .split('\n')
    .map((l) => l.split('|'))
    .filter((p) => p.length === 2 && input.tables.includes(p[0]!))
    .map(([name, rows]) => ({ name: name!, rows: Number(rows) }));
}
