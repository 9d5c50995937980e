/**
 * The tenant's own validation queries: SQL saved per instance and run against every restored
 * copy before anyone trusts it (`select count(*) from orders` must be positive). Pure rules
 * shared by the API, the verifier (how a result is judged) and the portal. What SQL may be saved
 * is decided by PostgreSQL's parser, server side: `validation-query-sql.ts`.
 */

export const validationExpectations = ['positive_count', 'non_empty', 'zero_rows'] as const;
export type ValidationExpectation = (typeof validationExpectations)[number];

export const VALIDATION_QUERY_LIMITS = {
  nameMax: 100,
  sqlMax: 10_000,
  perInstance: 20,
  /** rows the verifier reads at most; enough to judge any expectation and describe the result */
  rowsRead: 100,
  /**
   * bytes of one value and of one row (as PostgreSQL's text) the verifier accepts: a judgement
   * needs a count or a few short values, and 101 rows of 20 MB would otherwise land in the worker
   */
  valueBytes: 8 * 1024,
  rowBytes: 32 * 1024,
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
    return {
      ok: false,
      detail: `${countText(r)}, expected none; first: ${rowText(r.columns, firstRow)}`,
    };
  }
  if (expectation === 'non_empty') {
    if (!firstRow) return { ok: false, detail: 'no rows, expected at least one' };
    return { ok: true, detail: `${countText(r)}; first: ${rowText(r.columns, firstRow)}` };
  }
  if (!firstRow) return { ok: false, detail: 'no rows, expected one row with a positive count' };
  const name = r.columns[0] ?? 'value';
  const v = firstRow[0] ?? null;
  if (v === null) return { ok: false, detail: `${name} = null, expected a number above 0` };
  if (!NUMERIC.test(v))
    return { ok: false, detail: `${name} = ${shown(v)}, which is not a number` };
  const n = Number(v);
  return n > 0
    ? { ok: true, detail: `${name} = ${v.trim()}` }
    : { ok: false, detail: `${name} = ${v.trim()}, expected a number above 0` };
}

/** Integrity checks of tenant queries are named `validation:<name>`; the rest are built in. */
export const VALIDATION_CHECK_PREFIX = 'validation:';
