/**
 * A destructive operation found in archived WAL: what the engine's classifier reports, the
 * workflow returns and GET /api/v1/instances/{id}/wal-events shows (with `committedAt` as
 * `time`). Here in core so the browser can import the type without the engine.
 */
export const destructiveEventKinds = [
  'drop_table',
  'drop_database',
  'truncate',
  'mass_delete',
  'mass_update',
] as const;
export type DestructiveEventKind = (typeof destructiveEventKinds)[number];

export interface DestructiveEvent {
  kind: DestructiveEventKind;
  /** top-level transaction id (32-bit, as in WAL) */
  xid: number;
  /** LSN of the COMMIT record */
  lsn: string;
  /** commit time, UTC ISO 8601 with microseconds */
  committedAt: string;
  /**
   * Relation files as printed in the records: commit "rels:" paths
   * ("base/5/16384") for drops/truncates, block-reference relations
   * ("1663/5/16384") for mass changes, "spcOid/dbOid" dirs for drop_database.
   */
  relations?: string[];
  /** relation OIDs (from "dropped stats" or Heap TRUNCATE relids): resolvable to names in a restored copy */
  relationOids?: number[];
  /** drop_database: the database OID */
  dbOid?: number;
  /** mass_delete / mass_update: heap rows changed by the transaction (subtransactions included) */
  rowCount?: number;
  /**
   * exact: the WAL names the operation. inferred: TRUNCATE recognised at
   * wal_level=replica from a replaced, still-empty relation file.
   */
  confidence: 'exact' | 'inferred';
}
