/**
 * A restored clone compared with its source, table by table: what GET /api/v1/restores/{id}/diff
 * answers (the engine computes it, the workflow carries it, the portal shows it). Rows are matched
 * by primary key and compared by the hash of their whole text; the key values are PostgreSQL's
 * text output, so a key reads the same in the clone and in the source.
 */
export type TableDiffStatus =
  /** on both sides with the same primary key: compared row by row */
  | 'compared'
  /** no primary key on one side or both: counts only */
  | 'no_primary_key'
  /** the two sides have different primary keys: counts only */
  | 'primary_key_differs'
  | 'only_in_clone'
  | 'only_in_source';

export type RowChange = 'only_in_clone' | 'only_in_source' | 'changed';

export interface RowDiff {
  change: RowChange;
  /** primary key column → value (text), in key order */
  key: Record<string, string | null>;
}

export interface TableDiff {
  database: string;
  schema: string;
  table: string;
  status: TableDiffStatus;
  /** the primary key columns (null: none) */
  primaryKey: string[] | null;
  rowCounts: { clone: number | null; source: number | null };
  /** differences among the rows compared (null when rows were not compared) */
  onlyInClone: number | null;
  onlyInSource: number | null;
  changed: number | null;
  /** the differing rows, at most `listBound` of them, by key */
  rows: RowDiff[];
  /** more rows differ than `rows` lists */
  rowsTruncated: boolean;
  /**
   * A very large table is compared on a sample: the rows whose key hashes into 1 of `modulus`
   * buckets (the same rows on both sides), so about `bound` rows per side. Null: every row.
   */
  sample: { modulus: number; bound: number; comparedClone: number; comparedSource: number } | null;
}

export interface CloneDiff {
  restoreId: string;
  cloneInstanceId: string;
  sourceInstanceId: string;
  /** when the comparison read the two sides (the source keeps changing) */
  comparedAt: string;
  /** rows per side above which a table is sampled */
  sampleBound: number;
  /** differing rows listed per table at most */
  listBound: number;
  tables: TableDiff[];
}

/** Per-side row limit above which a table is compared on a sample, and the listed-rows bound. */
export const CLONE_DIFF_LIMITS = { sampleBound: 200_000, listBound: 1000 } as const;

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The diff as CSV: one line per table (`change` = its status, with the counts) and one per
 * differing row listed (`change` = only_in_clone / only_in_source / changed, `key` its primary key
 * as JSON).
 */
export function cloneDiffCsv(diff: CloneDiff): string {
  const header = [
    'database',
    'schema',
    'table',
    'change',
    'key',
    'clone_rows',
    'source_rows',
    'only_in_clone',
    'only_in_source',
    'changed',
    'sampled_1_in',
  ];
  const lines = [header.join(',')];
  for (const t of diff.tables) {
    const base = [t.database, t.schema, t.table];
    lines.push(
      [
        ...base,
        t.status,
        t.primaryKey ? JSON.stringify(t.primaryKey) : null,
        t.rowCounts.clone,
        t.rowCounts.source,
        t.onlyInClone,
        t.onlyInSource,
        t.changed,
        t.sample?.modulus ?? null,
      ]
        .map(csvField)
        .join(','),
    );
    for (const r of t.rows)
      lines.push(
        [...base, r.change, JSON.stringify(r.key), null, null, null, null, null, null]
          .map(csvField)
          .join(','),
      );
  }
  return `${lines.join('\r\n')}\r\n`;
}
