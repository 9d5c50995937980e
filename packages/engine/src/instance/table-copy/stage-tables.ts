import type { QualifiedTable } from '@rewind/core';
import type { EngineConfig } from '../../engine-config';
import { runSql, sqlIdentifier, sqlLiteral, type SqlTarget } from '../cluster';

export interface StagedTables {
  /** `schema.table` as they were at the target, in the order staged */
  tables: Array<{ oid: string; name: string }>;
  /** foreign keys to tables outside the copy, dropped in the clone so the copy restores on its own */
  droppedForeignKeys: string[];
}

type Db = SqlTarget & { database: string };

/** Rows of psql's unaligned output, `|`-separated. */
function rowsOf(out: string): string[][] {
  return out ? out.split('\n').map((l) => l.split('|')) : [];
}

/**
 * On the transient clone (superuser, its own copy: changing it touches nothing live): moves the
 * chosen tables, or every table of `schema`, into the new schema `staging`, so one
 * `pg_dump -n staging` carries exactly them (with their indexes, constraints, owned sequences
 * and triggers) and restores beside the live tables without a name clash. Foreign keys to
 * tables outside the copy are dropped here and reported: in the live instance they would check
 * the copy against today's rows.
 */
export async function stageTables(
  config: Pick<EngineConfig, 'pgBinDir'>,
  clone: Db,
  input: {
    tables: readonly QualifiedTable[];
    schema: string | null;
    staging: string;
    owner: string;
  },
): Promise<StagedTables> {
  const context = `staging tables in ${input.staging} on the transient clone`;
  const chosen =
    input.schema !== null
      ? `n.nspname = ${sqlLiteral(input.schema)}`
      : `(n.nspname, c.relname) in (${input.tables
          .map((t) => `(${sqlLiteral(t.schema)}, ${sqlLiteral(t.table)})`)
          .join(', ')})`;
  const found = rowsOf(
    await runSql(
      config,
      clone,
      `select c.oid, format('%I.%I', n.nspname, c.relname) from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and not c.relispartition and ${chosen}
        order by 2`,
      { context },
    ),
  ).map(([oid, name]) => ({ oid: oid!, name: name! }));
  if (input.schema !== null && found.length === 0)
    throw new Error(`schema ${input.schema} held no table at the target`);
  // names are plain lower-case identifiers (parseQualifiedTable), so %I writes them unquoted
  const missing = input.tables.filter(
    (t) => !found.some((f) => f.name === `${t.schema}.${t.table}`),
  );
  if (input.schema === null && missing.length > 0)
    throw new Error(
      `${missing.map((t) => `${t.schema}.${t.table}`).join(', ')} did not exist at the target`,
    );
  const oids = found.map((f) => f.oid).join(',');
  const foreign = rowsOf(
    await runSql(
      config,
      clone,
      `select format('%s.%I', conrelid::regclass, conname), conrelid::regclass, confrelid::regclass
         from pg_constraint
        where contype = 'f' and conrelid in (${oids}) and confrelid not in (${oids})
        order by 1`,
      { context },
    ),
  );
  const statements = [
    'BEGIN;',
    `CREATE SCHEMA ${sqlIdentifier(input.staging)} AUTHORIZATION ${sqlIdentifier(input.owner)};`,
  ];
  for (const [qualified, table] of foreign) {
    const conname = qualified!.slice(table!.length + 1);
    statements.push(`ALTER TABLE ${table} DROP CONSTRAINT ${sqlIdentifier(conname)};`);
  }
  for (const t of found)
    statements.push(`ALTER TABLE ${t.name} SET SCHEMA ${sqlIdentifier(input.staging)};`);
  statements.push('COMMIT;');
  await runSql(config, clone, statements.join('\n'), { context });
  return {
    tables: found,
    droppedForeignKeys: foreign.map(([name, , references]) => `${name} → ${references}`),
  };
}
