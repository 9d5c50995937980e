import { CLONE_DIFF_LIMITS, type RowChange, type RowDiff, type TableDiff } from '@rewind/core';
import { sqlIdentifier } from './cluster';
import {
  jsonLines,
  listDatabasesSql,
  plainDatabaseName,
  type RunInDatabase,
} from './read-relation-names';

/** One side of a comparison: SQL as the superuser in one of its databases. */
export interface DiffSide {
  run: RunInDatabase;
}

interface TableInfo {
  schema: string;
  table: string;
  primaryKey: string[] | null;
}

// user tables (leaf partitions included, partitioned parents are their partitions' rows) with
// their primary key columns in key order; one JSON array per line
const listTablesSql = `
select json_build_array(n.nspname, c.relname,
  (select json_agg(a.attname order by k.ord)
     from pg_constraint con
     cross join unnest(con.conkey) with ordinality as k(attnum, ord)
     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where con.conrelid = c.oid and con.contype = 'p'))::text
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where c.relkind = 'r'
   and n.nspname not in ('pg_catalog', 'information_schema')
   and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'
 order by 1`;

async function databases(side: DiffSide): Promise<string[]> {
  return (jsonLines(await side.run('postgres', listDatabasesSql)) as [number, string][])
    .map(([, name]) => name)
    .filter(plainDatabaseName);
}

async function tables(side: DiffSide, database: string): Promise<Map<string, TableInfo>> {
  const rows = jsonLines(await side.run(database, listTablesSql)) as [
    string,
    string,
    string[] | null,
  ][];
  return new Map(
    rows.map(([schema, table, primaryKey]) => [
      JSON.stringify([schema, table]),
      { schema, table, primaryKey },
    ]),
  );
}

const qualified = (t: TableInfo) => `${sqlIdentifier(t.schema)}.${sqlIdentifier(t.table)}`;
const keyExpr = (pk: string[]) =>
  `json_build_array(${pk.map((c) => `t.${sqlIdentifier(c)}::text`).join(', ')})::text`;

async function count(side: DiffSide, database: string, t: TableInfo): Promise<number> {
  return Number(await side.run(database, `select count(*) from ${qualified(t)}`));
}

/** key (JSON array of text) → md5 of the row's text, for the rows in the sample. */
async function rowHashes(
  side: DiffSide,
  database: string,
  t: TableInfo & { primaryKey: string[] },
  modulus: number,
): Promise<Map<string, string>> {
  const key = keyExpr(t.primaryKey);
  const where = modulus > 1 ? ` where (hashtext(${key}) & 2147483647) % ${modulus} = 0` : '';
  const out = await side.run(
    database,
    `select json_build_array(${key}, md5(t::text))::text from ${qualified(t)} t${where}`,
  );
  return new Map((jsonLines(out) as [string, string][]).map(([k, h]) => [k, h]));
}

function keyRecord(pk: string[], keyText: string): Record<string, string | null> {
  const values = JSON.parse(keyText) as (string | null)[];
  return Object.fromEntries(pk.map((c, i) => [c, values[i] ?? null]));
}

async function compareTable(
  clone: DiffSide,
  source: DiffSide,
  database: string,
  c: TableInfo,
  s: TableInfo,
  limits: { sampleBound: number; listBound: number },
): Promise<TableDiff> {
  const base = { database, schema: c.schema, table: c.table };
  const rowCounts = {
    clone: await count(clone, database, c),
    source: await count(source, database, s),
  };
  const countsOnly = (status: TableDiff['status']) =>
    uncompared(database, c, status, c.primaryKey ?? s.primaryKey, rowCounts);
  if (!c.primaryKey || !s.primaryKey) return countsOnly('no_primary_key');
  if (JSON.stringify(c.primaryKey) !== JSON.stringify(s.primaryKey))
    return countsOnly('primary_key_differs');
  const pk = c.primaryKey;
  const modulus = Math.max(
    1,
    Math.ceil(Math.max(rowCounts.clone, rowCounts.source) / limits.sampleBound),
  );
  const cloneRows = await rowHashes(clone, database, { ...c, primaryKey: pk }, modulus);
  const sourceRows = await rowHashes(source, database, { ...s, primaryKey: pk }, modulus);
  const diffs: { keyText: string; change: RowChange }[] = [];
  for (const [k, h] of cloneRows) {
    const other = sourceRows.get(k);
    if (other === undefined) diffs.push({ keyText: k, change: 'only_in_clone' });
    else if (other !== h) diffs.push({ keyText: k, change: 'changed' });
  }
  for (const k of sourceRows.keys())
    if (!cloneRows.has(k)) diffs.push({ keyText: k, change: 'only_in_source' });
  diffs.sort((a, b) => (a.keyText < b.keyText ? -1 : a.keyText > b.keyText ? 1 : 0));
  const tally = (change: RowChange) => diffs.filter((d) => d.change === change).length;
  const rows: RowDiff[] = diffs
    .slice(0, limits.listBound)
    .map((d) => ({ change: d.change, key: keyRecord(pk, d.keyText) }));
  return {
    ...base,
    status: 'compared',
    primaryKey: pk,
    rowCounts,
    onlyInClone: tally('only_in_clone'),
    onlyInSource: tally('only_in_source'),
    changed: tally('changed'),
    rows,
    rowsTruncated: diffs.length > rows.length,
    sample:
      modulus > 1
        ? {
            modulus,
            bound: limits.sampleBound,
            comparedClone: cloneRows.size,
            comparedSource: sourceRows.size,
          }
        : null,
  };
}

/** A table whose rows were not compared: its counts and why. */
function uncompared(
  database: string,
  t: TableInfo,
  status: TableDiff['status'],
  primaryKey: string[] | null,
  rowCounts: TableDiff['rowCounts'],
): TableDiff {
  return {
    database,
    schema: t.schema,
    table: t.table,
    status,
    primaryKey,
    rowCounts,
    onlyInClone: null,
    onlyInSource: null,
    changed: null,
    rows: [],
    rowsTruncated: false,
    sample: null,
  };
}

async function oneSide(
  side: DiffSide,
  database: string,
  t: TableInfo,
  status: 'only_in_clone' | 'only_in_source',
): Promise<TableDiff> {
  const n = await count(side, database, t);
  const rowCounts =
    status === 'only_in_clone' ? { clone: n, source: null } : { clone: null, source: n };
  return uncompared(database, t, status, t.primaryKey, rowCounts);
}

/**
 * Compares every user table of every database of a clone with its source: row counts on both
 * sides; for tables with the same primary key on both, the rows only in one and the rows changed
 * (by md5 of the row's text), all rows up to `sampleBound` per side, a key-hash sample above it.
 * Each table is read in its own statement, so a source being written shows each table as of
 * its own read.
 */
export async function diffTables(
  clone: DiffSide,
  source: DiffSide,
  limits: { sampleBound: number; listBound: number } = CLONE_DIFF_LIMITS,
): Promise<TableDiff[]> {
  const out: TableDiff[] = [];
  const cloneDbs = await databases(clone);
  const sourceDbs = new Set(await databases(source));
  for (const database of [...new Set([...cloneDbs, ...sourceDbs])].sort()) {
    const c = cloneDbs.includes(database)
      ? await tables(clone, database)
      : new Map<string, TableInfo>();
    const s = sourceDbs.has(database)
      ? await tables(source, database)
      : new Map<string, TableInfo>();
    for (const key of [...new Set([...c.keys(), ...s.keys()])].sort()) {
      const ct = c.get(key);
      const st = s.get(key);
      if (ct && st) out.push(await compareTable(clone, source, database, ct, st, limits));
      else if (ct) out.push(await oneSide(clone, database, ct, 'only_in_clone'));
      else if (st) out.push(await oneSide(source, database, st, 'only_in_source'));
    }
  }
  return out;
}
