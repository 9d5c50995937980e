/**
 * Pure parsing of `pg_waldump` (PostgreSQL 15) text output.
 *
 * One record per line:
 *   rmgr: Transaction len (rec/tot):     34/    34, tx:        735, lsn: 0/01A3B2C8, prev 0/01A3B290, desc: COMMIT 2026-11-22 03:07:53.403640 UTC
 * Block references follow the description: ", blkref #0: rel 1663/5/16384 fork fsm blk 2 FPW".
 *
 * pg_waldump prints transaction times in the process's local zone (strftime
 * %Z), so it must run with TZ=UTC; a time in any other zone is refused rather
 * than guessed.
 */
import { parseLsn } from '@rewind/core';

export interface WalBlockRef {
  /** "spcOid/dbOid/relNumber" exactly as printed */
  relation: string;
  fork: string;
  block: number;
  fullPageImage: boolean;
}

export interface WalRecord {
  /** resource manager: Heap, Heap2, Transaction, Storage, Database, Standby, XLOG, Btree, ... */
  rmgr: string;
  recordLength: number;
  totalLength: number;
  /** 0 when the record belongs to no transaction */
  xid: number;
  /** canonical LSN text ("0/1E2F300") */
  lsn: string;
  prevLsn: string;
  /** everything after "desc: ", block references included */
  desc: string;
  /** first word of desc: COMMIT, ABORT, DELETE, HOT_UPDATE, UPDATE+INIT, CREATE, DROP, ... */
  recordType: string;
  blockRefs: WalBlockRef[];
}

export class WalParseError extends Error {
  override readonly name = 'WalParseError';
}

const RECORD_LINE =
  /^rmgr: (\S+)\s+len \(rec\/tot\):\s*(\d+)\/\s*(\d+), tx:\s*(\d+), lsn: ([0-9A-Fa-f]+\/[0-9A-Fa-f]+), prev ([0-9A-Fa-f]+\/[0-9A-Fa-f]+), desc: (.*)$/;
const BLOCK_REF = /blkref #\d+: rel (\d+\/\d+\/\d+)(?: fork (\w+))? blk (\d+)( FPW)?/g;

/**
 * Parses one output line. Returns null for lines that are not records
 * (pg_waldump also prints e.g. "first record is after ..." to stdout).
 */
export function parseWaldumpLine(line: string): WalRecord | null {
  const m = RECORD_LINE.exec(line.trimEnd());
  if (!m) return null;
  const [, rmgr, rec, tot, tx, lsn, prev, desc] = m;
  if (
    rmgr === undefined ||
    rec === undefined ||
    tot === undefined ||
    tx === undefined ||
    lsn === undefined ||
    prev === undefined ||
    desc === undefined
  ) {
    return null;
  }
  const blockRefs: WalBlockRef[] = [];
  for (const b of desc.matchAll(BLOCK_REF)) {
    if (b[1] === undefined || b[3] === undefined) continue;
    blockRefs.push({
      relation: b[1],
      fork: b[2] ?? 'main',
      block: Number(b[3]),
      fullPageImage: b[4] !== undefined,
    });
  }
  return {
    rmgr,
    recordLength: Number(rec),
    totalLength: Number(tot),
    xid: Number(tx),
    lsn: parseLsn(lsn).text,
    prevLsn: parseLsn(prev).text,
    desc,
    recordType: /^\S*/.exec(desc)?.[0] ?? '',
    blockRefs,
  };
}

export function parseWaldumpOutput(text: string): WalRecord[] {
  const records: WalRecord[] = [];
  for (const line of text.split('\n')) {
    const r = parseWaldumpLine(line);
    if (r) records.push(r);
  }
  return records;
}

/** "2026-11-22 03:07:53.403640 UTC" → "2026-11-22T03:07:53.403640Z" */
export function parseWaldumpTimestamp(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\.(\d{6}) (\S+)$/.exec(text.trim());
  if (!m) throw new WalParseError(`unrecognised pg_waldump timestamp "${text}"`);
  if (m[4] !== 'UTC' && m[4] !== 'GMT') {
    throw new WalParseError(
      `pg_waldump printed a time in zone "${m[4]}" ("${text}"); run it with TZ=UTC`,
    );
  }
  return `${m[1]}T${m[2]}.${m[3]}Z`;
}

export interface DroppedStats {
  /** PgStat_Kind: 1 database, 2 relation, 3 function */
  kind: number;
  dbOid: number;
  objOid: number;
}

export interface TransactionEnd {
  kind: 'commit' | 'abort';
  /** the transaction that ended: the record's xid, or the prepared xid for COMMIT_PREPARED/ABORT_PREPARED */
  xid: number;
  lsn: string;
  /** commit/abort time, UTC ISO 8601 with microseconds */
  at: string;
  prepared: boolean;
  /** relation files removed at commit/abort ("base/5/16384"), as printed */
  droppedRelFiles: string[];
  subxacts: number[];
  droppedStats: DroppedStats[];
}

const XACT_END_TYPES: Record<string, { kind: 'commit' | 'abort'; prepared: boolean }> = {
  COMMIT: { kind: 'commit', prepared: false },
  ABORT: { kind: 'abort', prepared: false },
  COMMIT_PREPARED: { kind: 'commit', prepared: true },
  ABORT_PREPARED: { kind: 'abort', prepared: true },
};

/**
 * COMMIT/ABORT records (xact_desc_commit/xact_desc_abort in PostgreSQL 15):
 *   COMMIT <time>[; rels: a b][; subxacts: x y][; dropped stats: k/d/o ...][; inval msgs: ...][; sync]...
 *   COMMIT_PREPARED <xid>: <time>; ...
 */
export function parseTransactionEnd(record: WalRecord): TransactionEnd | null {
  if (record.rmgr !== 'Transaction') return null;
  const type = XACT_END_TYPES[record.recordType];
  if (!type) return null;
  const body = record.desc.slice(record.recordType.length).trim();
  const sections = body.split('; ');
  let head = sections[0] ?? '';
  let xid = record.xid;
  if (type.prepared) {
    const pm = /^(\d+): (.*)$/.exec(head);
    if (!pm || pm[1] === undefined || pm[2] === undefined)
      throw new WalParseError(
        `unrecognised ${record.recordType} record at ${record.lsn}: ${record.desc}`,
      );
    xid = Number(pm[1]);
    head = pm[2];
  }
  const end: TransactionEnd = {
    kind: type.kind,
    xid,
    lsn: record.lsn,
    at: parseWaldumpTimestamp(head),
    prepared: type.prepared,
    droppedRelFiles: [],
    subxacts: [],
    droppedStats: [],
  };
  for (const section of sections.slice(1)) {
    const colon = section.indexOf(': ');
    if (colon < 0) continue;
    const key = section.slice(0, colon);
    const words = section
      .slice(colon + 2)
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (key === 'rels') end.droppedRelFiles = words;
    else if (key === 'subxacts') end.subxacts = words.map(Number);
    else if (key === 'dropped stats') {
      for (const w of words) {
        const [k, d, o] = w.split('/').map(Number);
        if (k !== undefined && d !== undefined && o !== undefined)
          end.droppedStats.push({ kind: k, dbOid: d, objOid: o });
      }
    }
  }
  return end;
}

/** Storage CREATE: "CREATE base/5/16414" → the new relation file. */
export function parseStorageCreate(record: WalRecord): string | null {
  if (record.rmgr !== 'Storage' || record.recordType !== 'CREATE') return null;
  return /^CREATE (\S+)/.exec(record.desc)?.[1] ?? null;
}

/** Database DROP: "DROP dir 1663/16404 [1664/16404 ...]" → tablespace/database dirs. */
export function parseDatabaseDrop(record: WalRecord): { dbOid: number; dirs: string[] } | null {
  if (record.rmgr !== 'Database' || record.recordType !== 'DROP') return null;
  const dirs = record.desc
    .replace(/^DROP dir\s*/, '')
    .trim()
    .split(/\s+/)
    .filter((w) => /^\d+\/\d+$/.test(w));
  const first = dirs[0];
  if (first === undefined)
    throw new WalParseError(`unrecognised Database DROP record at ${record.lsn}: ${record.desc}`);
  return { dbOid: Number(first.split('/')[1]), dirs };
}

/**
 * Heap TRUNCATE: "TRUNCATE [cascade ][restart_seqs ]nrelids 2 relids 16391 16394".
 * Written only at wal_level=logical (for logical decoding).
 */
export function parseHeapTruncate(
  record: WalRecord,
): { relationOids: number[]; cascade: boolean; restartSeqs: boolean } | null {
  if (record.rmgr !== 'Heap' || record.recordType !== 'TRUNCATE') return null;
  const m = /\brelids ([\d ]+)/.exec(record.desc);
  return {
    relationOids: (m?.[1] ?? '').trim().split(/\s+/).filter(Boolean).map(Number),
    cascade: /\bcascade\b/.test(record.desc),
    restartSeqs: /\brestart_seqs\b/.test(record.desc),
  };
}

export type HeapRowChange = 'delete' | 'update';

/** Heap DELETE → delete; UPDATE / HOT_UPDATE (and their +INIT forms) → update. */
export function heapRowChange(record: WalRecord): HeapRowChange | null {
  if (record.rmgr !== 'Heap') return null;
  switch (record.recordType) {
    case 'DELETE':
      return 'delete';
    case 'UPDATE':
    case 'UPDATE+INIT':
    case 'HOT_UPDATE':
    case 'HOT_UPDATE+INIT':
      return 'update';
    default:
      return null;
  }
}

/**
 * Relation file path ("base/5/16384", "global/1262",
 * "pg_tblspc/16385/PG_15_202209061/5/16384") → "spcOid/dbOid/relNumber", the
 * form block references use, so both can be compared.
 */
export function relPathToLocator(path: string): string | null {
  let m = /^base\/(\d+)\/(\d+)$/.exec(path);
  if (m) return `1663/${m[1]}/${m[2]}`;
  m = /^global\/(\d+)$/.exec(path);
  if (m) return `1664/0/${m[1]}`;
  m = /^pg_tblspc\/(\d+)\/[^/]+\/(\d+)\/(\d+)$/.exec(path);
  if (m) return `${m[1]}/${m[2]}/${m[3]}`;
  return null;
}

/**
 * XLOG RESTORE_POINT (xlog_desc in PostgreSQL 15 prints the name only, not its time):
 *   rmgr: XLOG len (rec/tot): 98/98, tx: 0, lsn: 0/03000090, prev 0/03000028, desc: RESTORE_POINT before-drop
 */
export function parseRestorePoint(record: WalRecord): { name: string; lsn: string } | null {
  if (record.rmgr !== 'XLOG' || record.recordType !== 'RESTORE_POINT') return null;
  return { name: record.desc.slice('RESTORE_POINT '.length), lsn: record.lsn };
}
