/**
 * The tenant's own validation queries: SQL saved per instance and run against every restored
 * copy before anyone trusts it (`select count(*) from orders` must be positive). Pure rules
 * shared by the API (what may be saved), the verifier (how a result is judged) and the portal.
 */

export const validationExpectations = ['positive_count', 'non_empty', 'zero_rows'] as const;
export type ValidationExpectation = (typeof validationExpectations)[number];

export const VALIDATION_QUERY_LIMITS = {
  nameMax: 100,
  sqlMax: 10_000,
  perInstance: 20,
  /** rows the verifier reads at most; enough to judge any expectation and describe the result */
  rowsRead: 100,
} as const;

/** For people: what each expectation demands of the query's result. */
export const expectationText: Record<ValidationExpectation, string> = {
  positive_count: 'first value is a number above 0',
  non_empty: 'returns at least one row',
  zero_rows: 'returns no rows',
};

export function isValidationExpectation(v: unknown): v is ValidationExpectation {
  return typeof v === 'string' && (validationExpectations as readonly string[]).includes(v);
}

/** Statements that start a read: the only ones the verifier can run (it opens a cursor on them). */
const READ_STARTS = new Set(['select', 'with', 'values', 'table']);

/**
 * Words that, outside strings, comments and quoted identifiers, make a query write or change the
 * schema: data-modifying CTEs (`with d as (delete … returning *) select …`), `select … into t`
 * (creates a table), `for update` (locks, i.e. writes row headers). `delete`, `update` and friends
 * are unreserved in PostgreSQL, so a column may carry such a name; quoted it passes.
 */
const WRITE_WORDS = new Set([
  'insert',
  'update',
  'delete',
  'merge',
  'truncate',
  'drop',
  'alter',
  'create',
  'grant',
  'revoke',
  'copy',
  'into',
]);

interface Scan {
  words: string[];
  /** index in `words` after which a `;` was seen, when something followed it */
  statements: number;
  problem: string | null;
}

/**
 * A small lexer for PostgreSQL's surface syntax: words outside comments (`--`, nested `/* *\/`),
 * strings ('…', E'…' with backslash escapes, $tag$…$tag$) and quoted identifiers ("…").
 */
function scan(sql: string): Scan {
  const words: string[] = [];
  let statements = 1;
  let afterSemicolon = false;
  let i = 0;
  const n = sql.length;
  const word = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) return { words, statements, problem: 'a /* comment is never closed' };
      continue;
    }
    if (afterSemicolon && c !== ';') {
      statements++;
      afterSemicolon = false;
    }
    if (c === ';') {
      afterSemicolon = true;
      i++;
      continue;
    }
    if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      const escapes = c !== "'";
      i += escapes ? 2 : 1;
      let closed = false;
      while (i < n) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") {
          closed = true;
          i++;
          break;
        } else i++;
      }
      if (!closed) return { words, statements, problem: 'a quoted string is never closed' };
      words.push("'");
      continue;
    }
    if (c === '"') {
      const end = findClosingQuote(sql, i + 1);
      if (end === -1) return { words, statements, problem: 'a quoted identifier is never closed' };
      i = end + 1;
      words.push('"');
      continue;
    }
    if (c === '$') {
      const tag = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;
      tag.lastIndex = i;
      const m = tag.exec(sql);
      if (m) {
        const end = sql.indexOf(m[0], i + m[0].length);
        if (end === -1) return { words, statements, problem: `a ${m[0]} quoted string is never closed` };
        i = end + m[0].length;
        words.push("'");
        continue;
      }
    }
    if (c === '\\')
      return {
        words,
        statements,
        problem: 'backslash commands (psql meta-commands such as \\d or \\!) are not SQL and cannot run here',
      };
    word.lastIndex = i;
    const w = word.exec(sql);
    if (w) {
      words.push(w[0].toLowerCase());
      i += w[0].length;
      continue;
    }
    words.push(c);
    i++;
  }
  return { words, statements, problem: null };
}

function findClosingQuote(sql: string, from: number): number {
  let i = from;
  while (i < sql.length) {
    if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
    else if (sql[i] === '"') return i;
    else i++;
  }
  return -1;
}

/**
 * Why this SQL cannot be saved as a validation query, in words for the person who typed it, or
 * null when it may. It must be one read-only statement (SELECT, WITH … SELECT, VALUES, TABLE).
 *
 * The query runs only against the restored, throwaway copy, never the source, so this is not what
 * keeps the source safe. It protects the copy the tenant is about to trust: in clone mode that copy
 * is handed over, in replace mode it *becomes* the instance, so a query that deleted or altered
 * rows would silently change the very data the restore verified. The verifier also enforces it
 * (a read-only transaction and a cursor, which only accepts a query); this check refuses obvious
 * writes up front with a clear message instead of a failed restore later.
 */
export function validationQueryProblem(sql: string): string | null {
  const text = sql.trim();
  if (text.length === 0) return 'sql is required';
  if (sql.length > VALIDATION_QUERY_LIMITS.sqlMax)
    return `sql must be at most ${VALIDATION_QUERY_LIMITS.sqlMax} characters`;
  const s = scan(text);
  if (s.problem) return `sql cannot be read: ${s.problem}`;
  if (s.statements > 1)
    return 'sql must be a single statement: remove the semicolons between statements and save each check as its own query';
  const first = s.words.find((w) => w !== '(');
  if (first === undefined) return 'sql is required';
  if (!READ_STARTS.has(first))
    return `sql must be a read-only query starting with SELECT, WITH, VALUES or TABLE, not ${first.toUpperCase()}: validation queries only read the restored copy`;
  const write = s.words.find((w) => WRITE_WORDS.has(w));
  if (write) {
    const what =
      write === 'into'
        ? 'SELECT … INTO creates a table'
        : write === 'update'
          ? 'UPDATE (or FOR UPDATE) writes to the copy'
          : `${write.toUpperCase()} changes the copy`;
    return `sql must only read: ${what}, and validation queries must leave the restored data exactly as restored (a column with that name can be written in double quotes)`;
  }
  return null;
}

export interface ValidationResult {
  columns: string[];
  /** at most `VALIDATION_QUERY_LIMITS.rowsRead` rows, values as PostgreSQL's text */
  rows: Array<Array<string | null>>;
  /** more rows existed than were read */
  more: boolean;
}

function shown(v: string | null): string {
  if (v === null) return 'null';
  return v.length > 60 ? `${v.slice(0, 57)}…` : v;
}

function rowText(columns: string[], row: Array<string | null>): string {
  const parts = row.slice(0, 5).map((v, i) => `${columns[i] ?? `column ${i + 1}`} = ${shown(v)}`);
  return parts.join(', ') + (row.length > 5 ? ', …' : '');
}

function countText(r: ValidationResult): string {
  const n = r.rows.length;
  if (r.more) return `more than ${n} rows`;
  return n === 1 ? '1 row' : `${n} rows`;
}

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** The verdict on one query's result, with a detail a person reads in the integrity report. */
export function judgeValidationResult(
  expectation: ValidationExpectation,
  r: ValidationResult,
): { ok: boolean; detail: string } {
  const firstRow = r.rows[0];
  if (expectation === 'zero_rows') {
    if (!firstRow) return { ok: true, detail: 'no rows, as expected' };
    return { ok: false, detail: `${countText(r)}, expected none; first: ${rowText(r.columns, firstRow)}` };
  }
  if (expectation === 'non_empty') {
    if (!firstRow) return { ok: false, detail: 'no rows, expected at least one' };
    return { ok: true, detail: `${countText(r)}; first: ${rowText(r.columns, firstRow)}` };
  }
  if (!firstRow) return { ok: false, detail: 'no rows, expected one row with a positive count' };
  const name = r.columns[0] ?? 'value';
  const v = firstRow[0] ?? null;
  if (v === null) return { ok: false, detail: `${name} = null, expected a number above 0` };
  if (!NUMERIC.test(v)) return { ok: false, detail: `${name} = ${shown(v)}, which is not a number` };
  const n = Number(v);
  return n > 0
    ? { ok: true, detail: `${name} = ${v.trim()}` }
    : { ok: false, detail: `${name} = ${v.trim()}, expected a number above 0` };
}

/** Integrity checks of tenant queries are named `validation:<name>`; the rest are built in. */
export const VALIDATION_CHECK_PREFIX = 'validation:';
