import pg from 'pg';
import { VALIDATION_QUERY_LIMITS } from '@rewind/core';
import { parseRecordText } from './parse-record-text';

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
 * - each row comes back as its text (`record_out`) only when it is at most `maxRowBytes`, with its
 *   size beside it, so an oversize row is refused by its size and never sent; a value over
 *   `maxValueBytes` is refused too (a judgement needs a count or a few short values);
 * - `standard_conforming_strings` is pinned on, as the pre-check's parser reads strings: a
 *   database with it off would otherwise end `'a\''` early and read what follows as SQL;
 * - statement and lock timeouts bound how long one query may take.
 */
export async function queryAsRoleReadOnly(
  target: RoleQueryTarget,
  sql: string,
  options: {
    statementTimeoutMs?: number;
    maxRows?: number;
    maxRowBytes?: number;
    maxValueBytes?: number;
    applicationName?: string;
  } = {},
): Promise<RoleQueryResult> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
  const maxRows = options.maxRows ?? 100;
  const maxRowBytes = Math.floor(options.maxRowBytes ?? VALIDATION_QUERY_LIMITS.rowBytes);
  const maxValueBytes = Math.floor(options.maxValueBytes ?? VALIDATION_QUERY_LIMITS.valueBytes);
  const body = sql.trim().replace(/[;\s]+$/, '');
  // on lines of its own, so a trailing `-- comment` in the body cannot swallow the closing parenthesis
  const from = `FROM (\n${body}\n) rewind_q`;
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
    // REPEATABLE READ: the column names and the rows come from one snapshot
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(
      `SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`,
    );
    await client.query(
      `SET LOCAL lock_timeout = ${Math.min(5_000, Math.max(1, Math.floor(statementTimeoutMs)))}`,
    );
    await client.query('SET LOCAL standard_conforming_strings = on');
    // named → parsed with the extended protocol: exactly one statement or an error
    await client.query({
      name: 'rewind_validation_columns',
      text: `DECLARE rewind_validation_columns NO SCROLL CURSOR FOR\nSELECT * ${from} LIMIT 0`,
    });
    const described = await client.query({
      text: 'FETCH ALL FROM rewind_validation_columns',
      rowMode: 'array',
    });
    const columns = described.fields.map((f) => f.name);
    await client.query({
      name: 'rewind_validation_declare',
      text: `DECLARE rewind_validation NO SCROLL CURSOR FOR\nSELECT octet_length(rewind_q::text), CASE WHEN octet_length(rewind_q::text) <= ${maxRowBytes} THEN rewind_q::text END ${from}`,
    });
    const fetched = await client.query<[string, string | null]>({
      text: `FETCH ${maxRows + 1} FROM rewind_validation`,
      rowMode: 'array',
      types: asText,
    });
    const rows = fetched.rows.slice(0, maxRows).map(([bytes, text], i) => {
      if (text === null)
        throw new Error(
          `row ${i + 1} is ${bytes} bytes, more than the ${maxRowBytes} bytes a validation query may return per row`,
        );
      const values = parseRecordText(text, columns.length);
      values.forEach((v, c) => {
        const size = v === null ? 0 : Buffer.byteLength(v);
        if (size > maxValueBytes)
          throw new Error(
            `row ${i + 1} column ${columns[c] ?? c + 1} is ${size} bytes, more than the ${maxValueBytes} bytes a validation query may return per value`,
          );
      });
      return values;
    });
    return { columns, rows, more: fetched.rows.length > maxRows };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
