import { parseLsn } from '@rewind/core';
import { parseSegmentName, segmentNameFromSegNo } from './segment-names';

/** Where a running instance's WAL is, read in one statement (`readWalPositionSql`). */
export interface WalPosition {
  /** pg_current_wal_insert_lsn(): every record inserted so far, committed or not, flushed or not */
  insertLsn: string;
  /** pg_current_wal_flush_lsn(): what is on disk in pg_wal */
  flushLsn: string;
  /** the instance's clock when it was read, RFC 3339 UTC µs */
  at: string;
  timeline: number;
  walSegmentSize: number;
  walBlockSize: number;
  /** pg_stat_archiver.last_archived_wal: what PostgreSQL counts as archived (both regions) */
  lastArchivedWal: string | null;
}

// XLogPageHeaderData / XLogLongPageHeaderData, MAXALIGNed: what a fresh page starts with
const SHORT_PAGE_HEADER = 24n;
const LONG_PAGE_HEADER = 40n;

export const readWalPositionSql = `select pg_current_wal_insert_lsn(),
  to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  substr(pg_walfile_name(pg_current_wal_insert_lsn()), 1, 8),
  (select setting from pg_settings where name = 'wal_segment_size'),
  (select setting from pg_settings where name = 'wal_block_size'),
  coalesce((select last_archived_wal from pg_stat_archiver), ''),
  pg_current_wal_flush_lsn()`;

/** psql -At output of `readWalPositionSql` (pure). */
export function parseWalPosition(row: string): WalPosition {
  const [insertLsn, at, timeline, segSize, blockSize, archived, flushLsn] = row.trim().split('|');
  if (!insertLsn || !at || !timeline || !segSize || !blockSize || !flushLsn)
    throw new Error(`unexpected WAL position row ${JSON.stringify(row)}`);
  return {
    insertLsn: parseLsn(insertLsn).text,
    flushLsn: parseLsn(flushLsn).text,
    at,
    timeline: Number.parseInt(timeline, 16),
    walSegmentSize: Number(segSize),
    walBlockSize: Number(blockSize),
    lastArchivedWal: archived ? archived : null,
  };
}

/**
 * The LSN just past the last WAL byte written. The insert position of an empty fresh page points
 * past that page's header (PostgreSQL's XLogBytePosToRecPtr), though nothing is written there yet:
 * right after a segment switch it is the next segment's start + 40. A real record never ends
 * exactly there (records are MAXALIGNed after the header), so the header is taken off.
 */
export function walWrittenEnd(
  p: Pick<WalPosition, 'insertLsn' | 'walSegmentSize' | 'walBlockSize'>,
) {
  const lsn = parseLsn(p.insertLsn).value;
  if (lsn % BigInt(p.walSegmentSize) === LONG_PAGE_HEADER) return lsn - LONG_PAGE_HEADER;
  if (lsn % BigInt(p.walBlockSize) === SHORT_PAGE_HEADER) return lsn - SHORT_PAGE_HEADER;
  return lsn;
}

/** The segment holding the last WAL byte written (PostgreSQL's XLByteToPrevSeg of the end). */
export function lastWrittenSegment(p: WalPosition): string {
  const end = walWrittenEnd(p);
  const segNo = end === 0n ? 0n : (end - 1n) / BigInt(p.walSegmentSize);
  return segmentNameFromSegNo(p.timeline, segNo, p.walSegmentSize);
}

/**
 * WAL written but not in `archived` (one region's archived segments, contiguous through its
 * newest on this timeline): 0 when the segment holding the last byte is archived there. null when
 * the region holds nothing of this timeline yet.
 */
export function unarchivedWalBytes(p: WalPosition, archived: readonly string[]): number | null {
  const last = lastWrittenSegment(p);
  if (archived.includes(last)) return 0;
  const mine = archived
    .map((s) => parseSegmentName(s, p.walSegmentSize))
    .filter((s) => s.timeline === p.timeline);
  if (mine.length === 0) return null;
  const newest = mine.reduce((a, b) => (b.segNo > a.segNo ? b : a));
  const archivedEnd = (newest.segNo + 1n) * BigInt(p.walSegmentSize);
  const end = walWrittenEnd(p);
  return end > archivedEnd ? Number(end - archivedEnd) : 0;
}

/** Every record inserted is on disk in pg_wal (pg_waldump can read it all). */
export function walFlushed(p: WalPosition): boolean {
  return parseLsn(p.flushLsn).value >= walWrittenEnd(p);
}

/** The segment WAL is being written into, or null right after a switch (nothing open). */
export function openSegment(p: WalPosition): string | null {
  const end = walWrittenEnd(p);
  if (end % BigInt(p.walSegmentSize) === 0n) return null;
  return segmentNameFromSegNo(p.timeline, end / BigInt(p.walSegmentSize), p.walSegmentSize);
}
