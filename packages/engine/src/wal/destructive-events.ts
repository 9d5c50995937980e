/**
 * Pure classification of destructive operations from a stream of parsed WAL
 * records. Feed records in LSN order with `add`; events are produced when the
 * owning transaction's COMMIT is seen (nothing is destructive until it commits,
 * and the commit is the point a tenant restores "just before").
 *
 * What PostgreSQL 15 writes (checked against real pg_waldump output, see fixtures/):
 * - DROP TABLE: COMMIT "...; rels: base/5/16394; dropped stats: 2/5/16394; ..."
 * - TRUNCATE: Storage "CREATE base/5/<new>" then COMMIT "...; rels: base/5/<old>"
 *   (no dropped stats); at wal_level=logical also Heap "TRUNCATE nrelids N relids ...".
 * - DROP DATABASE: Database "DROP dir 1663/<db>" then COMMIT "...; dropped stats: 1/<db>/0".
 * - DELETE / UPDATE: one Heap DELETE / UPDATE / HOT_UPDATE record per row.
 * - Rewrites (VACUUM FULL, CLUSTER, ALTER TABLE rewrites, REFRESH MATERIALIZED
 *   VIEW) also drop relation files and stats, but always create a transient
 *   heap in the same transaction and drop its stats at commit; that pattern is
 *   what tells them apart from DROP TABLE. REINDEX replaces index files too but
 *   writes every new file (index build), while TRUNCATE leaves the new heap empty.
 */
import { compareLsn, type DestructiveEvent, type DestructiveEventKind } from '@rewind/core';
import {
  heapRowChange,
  parseDatabaseDrop,
  parseHeapTruncate,
  parseStorageCreate,
  parseTransactionEnd,
  relPathToLocator,
  type TransactionEnd,
  type WalRecord,
} from './parse-waldump';

export interface DestructiveEventOptions {
  /** rows changed in one transaction that make it a mass DELETE/UPDATE; default 1000 */
  massRowThreshold?: number;
  /**
   * Only relation numbers at or above this count towards mass changes, so a big
   * DROP SCHEMA's catalog deletes are not reported as a mass DELETE. Default
   * 16384 (FirstNormalObjectId); set 0 to count catalogs too.
   */
  minUserRelNumber?: number;
}

interface XidState {
  /** relation locator → rows */
  deletes: Map<string, number>;
  updates: Map<string, number>;
  /** locators of relation files created by this transaction */
  created: Set<string>;
  /** created files that some non-heap record wrote (an index build, a rewrite copy) */
  createdWrittenByNonHeap: Set<string>;
  droppedDatabases: { dbOid: number; dirs: string[] }[];
  heapTruncates: { relationOids: number[] }[];
}

function newState(): XidState {
  return {
    deletes: new Map(),
    updates: new Map(),
    created: new Set(),
    createdWrittenByNonHeap: new Set(),
    droppedDatabases: [],
    heapTruncates: [],
  };
}

function mergeInto(target: XidState, source: XidState): void {
  for (const [k, v] of source.deletes) target.deletes.set(k, (target.deletes.get(k) ?? 0) + v);
  for (const [k, v] of source.updates) target.updates.set(k, (target.updates.get(k) ?? 0) + v);
  for (const c of source.created) target.created.add(c);
  for (const c of source.createdWrittenByNonHeap) target.createdWrittenByNonHeap.add(c);
  target.droppedDatabases.push(...source.droppedDatabases);
  target.heapTruncates.push(...source.heapTruncates);
}

function relNumber(locator: string): number {
  return Number(locator.split('/')[2]);
}

const KIND_ORDER: Record<DestructiveEventKind, number> = {
  drop_database: 0,
  drop_table: 1,
  truncate: 2,
  mass_delete: 3,
  mass_update: 4,
};

export class DestructiveEventCollector {
  private readonly threshold: number;
  private readonly minUserRelNumber: number;
  private readonly open = new Map<number, XidState>();
  private readonly found: DestructiveEvent[] = [];
  private newestCommit: TransactionEnd | null = null;
  private newestEnd: TransactionEnd | null = null;

  constructor(options: DestructiveEventOptions = {}) {
    this.threshold = options.massRowThreshold ?? 1000;
    this.minUserRelNumber = options.minUserRelNumber ?? 16384;
    if (!Number.isInteger(this.threshold) || this.threshold < 1)
      throw new Error(`massRowThreshold must be a positive integer, got ${this.threshold}`);
  }

  private state(xid: number): XidState {
    let s = this.open.get(xid);
    if (!s) {
      s = newState();
      this.open.set(xid, s);
    }
    return s;
  }

  add(record: WalRecord): void {
    const end = parseTransactionEnd(record);
    if (end) {
      this.finish(end);
      return;
    }
    if (record.xid === 0) return;

    const change = heapRowChange(record);
    if (change) {
      const rel = record.blockRefs[0]?.relation;
      if (rel !== undefined && relNumber(rel) >= this.minUserRelNumber) {
        const map =
          change === 'delete' ? this.state(record.xid).deletes : this.state(record.xid).updates;
        map.set(rel, (map.get(rel) ?? 0) + 1);
      }
    }

    const created = parseStorageCreate(record);
    if (created !== null) {
      const locator = relPathToLocator(created);
      if (locator) this.state(record.xid).created.add(locator);
      return;
    }
    const db = parseDatabaseDrop(record);
    if (db) {
      this.state(record.xid).droppedDatabases.push(db);
      return;
    }
    const truncate = parseHeapTruncate(record);
    if (truncate) {
      this.state(record.xid).heapTruncates.push({ relationOids: truncate.relationOids });
      return;
    }
    if (record.rmgr !== 'Heap' && record.rmgr !== 'Heap2' && record.blockRefs.length > 0) {
      const s = this.open.get(record.xid);
      if (s && s.created.size > 0) {
        for (const b of record.blockRefs)
          if (s.created.has(b.relation)) s.createdWrittenByNonHeap.add(b.relation);
      }
    }
  }

  private finish(end: TransactionEnd): void {
    if (!this.newestEnd || compareLsn(end.lsn, this.newestEnd.lsn) > 0) this.newestEnd = end;
    if (
      end.kind === 'commit' &&
      (!this.newestCommit || compareLsn(end.lsn, this.newestCommit.lsn) > 0)
    )
      this.newestCommit = end;
    const state = this.open.get(end.xid) ?? newState();
    this.open.delete(end.xid);
    for (const sub of end.subxacts) {
      const s = this.open.get(sub);
      if (s) {
        mergeInto(state, s);
        this.open.delete(sub);
      }
    }
    if (end.kind !== 'commit') return;

    const base = { xid: end.xid, lsn: end.lsn, committedAt: end.at };

    for (const db of state.droppedDatabases) {
      this.found.push({
        ...base,
        kind: 'drop_database',
        relations: db.dirs,
        dbOid: db.dbOid,
        confidence: 'exact',
      });
    }

    if (end.droppedRelFiles.length > 0) {
      const createdKeys = new Set(
        [...state.created].map((l) => `${l.split('/')[1]}/${relNumber(l)}`),
      );
      const relationStats = end.droppedStats.filter((s) => s.kind === 2);
      // A rewrite creates a transient heap and drops it (and its stats) at commit.
      const isRewrite = relationStats.some((s) => createdKeys.has(`${s.dbOid}/${s.objOid}`));
      const droppedOids = relationStats
        .filter((s) => !createdKeys.has(`${s.dbOid}/${s.objOid}`))
        .map((s) => s.objOid);
      if (!isRewrite && droppedOids.length > 0) {
        this.found.push({
          ...base,
          kind: 'drop_table',
          relations: end.droppedRelFiles,
          relationOids: droppedOids,
          confidence: 'exact',
        });
      } else if (state.heapTruncates.length > 0) {
        this.found.push({
          ...base,
          kind: 'truncate',
          relations: end.droppedRelFiles,
          relationOids: state.heapTruncates.flatMap((t) => t.relationOids),
          confidence: 'exact',
        });
      } else if (
        !isRewrite &&
        [...state.created].some((l) => !state.createdWrittenByNonHeap.has(l))
      ) {
        this.found.push({
          ...base,
          kind: 'truncate',
          relations: end.droppedRelFiles,
          confidence: 'inferred',
        });
      }
    }
    // A Heap TRUNCATE without dropped files truncated a table created in the same
    // transaction: nothing existed before it, so there is nothing to restore.

    this.pushMass(base, 'mass_delete', state.deletes);
    this.pushMass(base, 'mass_update', state.updates);
  }

  private pushMass(
    base: { xid: number; lsn: string; committedAt: string },
    kind: 'mass_delete' | 'mass_update',
    counts: Map<string, number>,
  ): void {
    let rows = 0;
    for (const n of counts.values()) rows += n;
    if (rows < this.threshold) return;
    const relations = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([rel]) => rel);
    this.found.push({ ...base, kind, relations, rowCount: rows, confidence: 'exact' });
  }

  /** Events found so far, by commit LSN. */
  events(): DestructiveEvent[] {
    return [...this.found].sort(
      (a, b) => compareLsn(a.lsn, b.lsn) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
    );
  }

  /** The newest COMMIT seen (by LSN), or null. */
  lastCommit(): TransactionEnd | null {
    return this.newestCommit;
  }

  /** The newest COMMIT or ABORT seen (by LSN), or null. */
  lastTransactionEnd(): TransactionEnd | null {
    return this.newestEnd;
  }

  /** Transactions with records seen but no COMMIT/ABORT yet (in progress at the end of the WAL read). */
  openTransactionCount(): number {
    return this.open.size;
  }
}

/** Classifies a whole record list at once (e.g. a fixture). */
export function classifyDestructiveEvents(
  records: Iterable<WalRecord>,
  options: DestructiveEventOptions = {},
): DestructiveEvent[] {
  const c = new DestructiveEventCollector(options);
  for (const r of records) c.add(r);
  return c.events();
}
