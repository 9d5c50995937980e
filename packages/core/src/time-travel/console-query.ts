/**
 * The read-only SQL console (issue 16 part 2): one query, on a clone at T or on the live
 * instance, as the caller's role, in a read-only transaction. The bounds are small on purpose:
 * a console is for looking, and its answer passes through the orchestrator.
 */
export const CONSOLE_QUERY_LIMITS = {
  /** rows shown at most; `more` says the query had more */
  rows: 200,
  statementTimeoutMs: 10_000,
  rowBytes: 64 * 1024,
  valueBytes: 8 * 1024,
} as const;

export interface ConsoleQueryResult {
  columns: string[];
  rows: Array<Array<string | null>>;
  more: boolean;
}

/** What the console answers: the rows, or PostgreSQL's own words for why the query did not run. */
export type ConsoleQueryOutcome =
  ({ ok: true } & ConsoleQueryResult) | { ok: false; error: string };
