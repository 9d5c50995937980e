import pg from 'pg';

export interface RoleQueryTarget {
  host?: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface RoleQueryResult {
  columns: string[];
  /** at most `maxRows` rows, every value as PostgreSQL's text output (null stays null) */
  rows: Array<Array<string | null>>;
  /** the query had more rows than were read */
  more: boolean;
}

/** Every value as the server's text: no int8/numeric/date conversions, nothing lost or reformatted. */
const asText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/**
 * Runs a tenant's own query as the tenant's role over TCP (never as a superuser, never through
 * psql, whose backslash commands would run shell commands as the OS user of the data plane) and
 * guarantees it can only read:
 *
 * - a `READ ONLY` transaction, rolled back afterwards (nextval, FOR UPDATE, writing functions and
 *   data-modifying CTEs are refused by PostgreSQL itself);
 * - the SQL is the body of `DECLARE … CURSOR FOR`, which the server accepts only for a query
 *   (SELECT, VALUES, WITH … SELECT, TABLE), and is sent with the extended protocol, which refuses
 *   more than one statement (`select 1; drop table t` cannot be smuggled in);
 * - `FETCH maxRows + 1`: a query over a huge table never pulls it all into the worker;
 * - statement and lock timeouts bound how long one query may take.
 */
export async function queryAsRoleReadOnly(
  target: RoleQueryTarget,
  sql: string,
  options: { statementTimeoutMs?: number; maxRows?: number; applicationName?: string } = {},
): Promise<RoleQueryResult> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
  const maxRows = options.maxRows ?? 100;
  const body = sql.trim().replace(/[;\s]+$/, '');
  const client = new pg.Client({
    host: target.host ?? '127.0.0.1',
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    application_name: options.applicationName ?? 'rewind-validation',
    connectionTimeoutMillis: 10_000,
    query_timeout: statementTimeoutMs + 10_000,
    // belt and braces: every transaction of this session starts read-only
    options: '-c default_transaction_read_only=on',
  });
  // a connection dropped by the server (e.g. the copy stopped) must reject the query, not crash the worker
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`);
    await client.query(`SET LOCAL lock_timeout = ${Math.min(5_000, Math.max(1, Math.floor(statementTimeoutMs)))}`);
    // named → parsed with the extended protocol: exactly one statement or an error
    await client.query({ name: 'rewind_validation_declare', text: `DECLARE rewind_validation NO SCROLL CURSOR FOR\n${body}` });
    const fetched = await client.query<Array<string | null>>({
      text: `FETCH ${maxRows + 1} FROM rewind_validation`,
      rowMode: 'array',
      types: asText,
    });
    const rows = fetched.rows.slice(0, maxRows);
    return { columns: fetched.fields.map((f) => f.name), rows, more: fetched.rows.length > maxRows };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
