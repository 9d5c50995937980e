/**
 * What SQL may be saved as a validation query, decided by PostgreSQL's own parser (libpg_query,
 * the PostgreSQL 15 grammar compiled to WebAssembly) rather than a hand-written lexer: a lexer of
 * ours can disagree with the server about where a string or comment ends, and then a statement
 * that looked harmless is something else to PostgreSQL. Server side only (the parser is ~1 MB of
 * WebAssembly); the browser-safe rules stay in `validation-query.ts`.
 *
 * The parser reads strings as PostgreSQL does with `standard_conforming_strings = on` (the
 * default since 9.1); the verifier pins that setting in its session (`queryAsRoleReadOnly`), so a
 * database configured with it off cannot read the saved SQL differently from how it was judged.
 */
import { parse } from 'libpg-query';
import { VALIDATION_QUERY_LIMITS } from './validation-query';

/** Statement node → the words a person typed, for the message. */
const STATEMENT_WORDS: Record<string, string> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
};

const LOCKING_WORDS: Record<string, string> = {
  LCS_FORKEYSHARE: 'FOR KEY SHARE',
  LCS_FORSHARE: 'FOR SHARE',
  LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE',
  LCS_FORUPDATE: 'FOR UPDATE',
};

interface SqlErrorLike {
  message: string;
  sqlDetails?: { cursorPosition?: number };
}

/** The first keyword, past comments, whitespace and opening parentheses (for messages only). */
function firstKeyword(sql: string): string {
  let s = sql;
  for (;;) {
    const next = s.replace(/^(\s+|--[^\n]*|\/\*[\s\S]*?\*\/|\()/, '');
    if (next === s) break;
    s = next;
  }
  return (/^[A-Za-z_]+/.exec(s)?.[0] ?? s.slice(0, 10)).toUpperCase();
}

/** Why the parsed query is not read-only, walking every nested query (CTEs, subqueries, set operations). */
function writeProblem(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const p = writeProblem(n);
      if (p) return p;
    }
    return null;
  }
  if (typeof node !== 'object' || node === null) return null;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const words = STATEMENT_WORDS[key];
    if (words) return `${words} changes the copy`;
    if (key === 'intoClause' && value) return 'SELECT … INTO creates a table';
    if (key === 'lockingClause' && Array.isArray(value) && value.length > 0) {
      const strength =
        (value[0] as { LockingClause?: { strength?: string } }).LockingClause?.strength ?? '';
      return `${LOCKING_WORDS[strength] ?? 'a locking clause'} locks rows, which writes to them`;
    }
    const p = writeProblem(value);
    if (p) return p;
  }
  return null;
}

/**
 * Why this SQL cannot be saved as a validation query, in words for the person who typed it, or
 * null when it may. It must be exactly one plain query: SELECT, WITH … SELECT, VALUES or TABLE,
 * without data-modifying CTEs, `SELECT … INTO` or a locking clause (FOR UPDATE / NO KEY UPDATE /
 * SHARE / KEY SHARE) anywhere in it.
 *
 * The query runs only against the restored, throwaway copy, never the source, so this is not what
 * keeps the source safe. It protects the copy the tenant is about to trust: in clone mode that copy
 * is handed over, in replace mode it *becomes* the instance, so a query that deleted or altered
 * rows would silently change the very data the restore verified. The verifier is the second wall
 * (a read-only transaction and a cursor, which only accepts a query); this check refuses up front
 * with a clear message instead of a failed restore later.
 */
export async function validationQueryProblem(sql: string): Promise<string | null> {
  const text = sql.trim();
  if (text.length === 0) return 'sql is required';
  if (sql.length > VALIDATION_QUERY_LIMITS.sqlMax)
    return `sql must be at most ${VALIDATION_QUERY_LIMITS.sqlMax} characters`;
  let tree: { stmts?: Array<{ stmt?: Record<string, unknown> }> };
  try {
    tree = (await parse(text)) as typeof tree;
  } catch (err) {
    const e = err as SqlErrorLike;
    const at = e.sqlDetails?.cursorPosition;
    if (at !== undefined && text[at] === '\\')
      return 'backslash commands (psql meta-commands such as \\d or \\!) are not SQL and cannot run here';
    return `sql cannot be read: ${e.message}`;
  }
  const stmts = tree.stmts ?? [];
  if (stmts.length === 0) return 'sql is required';
  if (stmts.length > 1)
    return 'sql must be a single statement: remove the semicolons between statements and save each check as its own query';
  const stmt = stmts[0]!.stmt ?? {};
  if (!('SelectStmt' in stmt))
    return `sql must be a read-only query starting with SELECT, WITH, VALUES or TABLE, not ${firstKeyword(text)}: validation queries only read the restored copy`;
  const write = writeProblem(stmt);
  if (write)
    return `sql must only read: ${write}, and validation queries must leave the restored data exactly as restored`;
  return null;
}
