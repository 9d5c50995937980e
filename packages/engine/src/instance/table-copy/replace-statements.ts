import { sqlIdentifier } from '../cluster';

/**
 * The statements that turn one live table's rows into the staged copy's, inside the replace
 * transaction. With a primary key they change only what differs: rows T did not have are
 * deleted, T's rows are inserted or updated in place by key. A row both sides have is never
 * deleted, so a foreign key pointing at it (NO ACTION, checked at each statement's end) holds
 * and an ON DELETE CASCADE never fires for it. Without a primary key (nothing can reference such
 * a row by key) the rows are deleted and inserted again.
 */
export function replaceStatements(input: {
  /** the live table, qualified and quoted */
  live: string;
  /** the staged copy, qualified and quoted */
  staged: string;
  /** the copied columns (not generated), in order */
  columns: readonly string[];
  /** the live table's primary key columns; empty: it has none */
  primaryKey: readonly string[];
}): string[] {
  const { live, staged } = input;
  const cols = input.columns.map(sqlIdentifier).join(', ');
  const lock = `LOCK TABLE ${live} IN ACCESS EXCLUSIVE MODE;`;
  if (input.primaryKey.length === 0)
    return [
      lock,
      `DELETE FROM ${live};`,
      `INSERT INTO ${live} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${staged};`,
    ];
  const key = input.primaryKey.map(sqlIdentifier);
  const row = (alias: string, names: readonly string[]) =>
    `(${names.map((n) => `${alias}.${n}`).join(', ')})`;
  const rest = input.columns.filter((c) => !input.primaryKey.includes(c)).map(sqlIdentifier);
  const onConflict =
    rest.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` +
        // an unchanged row is not rewritten (no dead tuple, no update trigger)
        ` WHERE ${row('t', rest)} IS DISTINCT FROM ${row('EXCLUDED', rest)}`;
  return [
    lock,
    `DELETE FROM ${live} AS l WHERE NOT EXISTS (SELECT 1 FROM ${staged} AS s WHERE ${row('s', key)} = ${row('l', key)});`,
    `INSERT INTO ${live} AS t (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${staged} ON CONFLICT (${key.join(', ')}) ${onConflict};`,
  ];
}
