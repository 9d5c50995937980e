/**
 * WAL segment file names: TTTTTTTT LLLLLLLL SSSSSSSS (timeline, "log id",
 * segment within the log id), all 8 upper-case hex digits. With the default
 * 16 MB segments a log id holds 256 segments, so the last part runs 00..FF.
 */
import { formatLsn, parseLsn } from '@rewind/core';

export const DEFAULT_WAL_SEGMENT_SIZE = 16 * 1024 * 1024;

export interface SegmentAddress {
  timeline: number;
  logId: number;
  /** segment number within its log id (the last 8 hex digits) */
  segId: number;
  /** absolute segment number: LSN / segment size */
  segNo: bigint;
}

export interface SegmentGap {
  timeline: number;
  /** first missing segment */
  firstMissing: string;
  /** last missing segment */
  lastMissing: string;
  missingCount: number;
  /** the archived segments either side of the gap */
  after: string;
  before: string;
}

const SEGMENT_NAME = /^([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})$/;

function segmentsPerLogId(walSegmentSize: number): bigint {
  if (
    !Number.isInteger(walSegmentSize) ||
    walSegmentSize <= 0 ||
    (walSegmentSize & (walSegmentSize - 1)) !== 0
  ) {
    throw new Error(`invalid WAL segment size ${walSegmentSize}: must be a power of two`);
  }
  return 0x100000000n / BigInt(walSegmentSize);
}

export function isSegmentName(name: string): boolean {
  return SEGMENT_NAME.test(name);
}

export function parseSegmentName(
  name: string,
  walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE,
): SegmentAddress {
  const m = SEGMENT_NAME.exec(name);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new Error(`invalid WAL segment name "${name}": expected 24 upper-case hex digits`);
  }
  const timeline = parseInt(m[1], 16);
  const logId = parseInt(m[2], 16);
  const segId = parseInt(m[3], 16);
  const perLog = segmentsPerLogId(walSegmentSize);
  if (BigInt(segId) >= perLog) {
    throw new Error(
      `invalid WAL segment name "${name}": segment ${segId} does not exist with ${walSegmentSize}-byte segments`,
    );
  }
  if (timeline === 0)
    throw new Error(`invalid WAL segment name "${name}": timeline 0 does not exist`);
  return { timeline, logId, segId, segNo: BigInt(logId) * perLog + BigInt(segId) };
}

export function segmentNameFromSegNo(
  timeline: number,
  segNo: bigint,
  walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE,
): string {
  if (!Number.isInteger(timeline) || timeline < 1 || timeline > 0xffffffff)
    throw new Error(`invalid timeline ${timeline}`);
  if (segNo < 0n) throw new Error(`invalid segment number ${segNo}`);
  const perLog = segmentsPerLogId(walSegmentSize);
  const hex = (v: bigint | number) => v.toString(16).toUpperCase().padStart(8, '0');
  return `${hex(timeline)}${hex(segNo / perLog)}${hex(segNo % perLog)}`;
}

export function nextSegment(name: string, walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE): string {
  const a = parseSegmentName(name, walSegmentSize);
  return segmentNameFromSegNo(a.timeline, a.segNo + 1n, walSegmentSize);
}

export function prevSegment(
  name: string,
  walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE,
): string | null {
  const a = parseSegmentName(name, walSegmentSize);
  return a.segNo === 0n ? null : segmentNameFromSegNo(a.timeline, a.segNo - 1n, walSegmentSize);
}

/** The segment that holds the byte at `lsn` (like PostgreSQL's XLByteToSeg). */
export function lsnToSegment(
  lsn: string,
  timeline: number,
  walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE,
): string {
  return segmentNameFromSegNo(
    timeline,
    parseLsn(lsn).value / BigInt(walSegmentSize),
    walSegmentSize,
  );
}

export function segmentStartLsn(name: string, walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE): string {
  return formatLsn(parseSegmentName(name, walSegmentSize).segNo * BigInt(walSegmentSize));
}

/** First LSN after the segment (exclusive end). */
export function segmentEndLsn(name: string, walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE): string {
  return formatLsn((parseSegmentName(name, walSegmentSize).segNo + 1n) * BigInt(walSegmentSize));
}

/** Orders by timeline, then segment number: the order pgBackRest lists archive ranges in. */
export function compareSegmentNames(
  a: string,
  b: string,
  walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE,
): number {
  const x = parseSegmentName(a, walSegmentSize);
  const y = parseSegmentName(b, walSegmentSize);
  if (x.timeline !== y.timeline) return x.timeline - y.timeline;
  return x.segNo < y.segNo ? -1 : x.segNo > y.segNo ? 1 : 0;
}

export function sortSegmentNames(
  names: readonly string[],
  walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE,
): string[] {
  return [...new Set(names)].sort((a, b) => compareSegmentNames(a, b, walSegmentSize));
}

/**
 * Missing segment ranges between archived segments. A gap splits the restore
 * window: recovery cannot replay past a missing segment.
 *
 * A timeline switch is not a gap when the new timeline continues at (or
 * before) the segment after the old one's last: after promotion the new
 * timeline starts inside the switch segment, so its first segment number is
 * the old timeline's last one (or the next).
 */
export function listGaps(
  sortedSegmentNames: readonly string[],
  walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE,
): SegmentGap[] {
  const gaps: SegmentGap[] = [];
  for (let i = 1; i < sortedSegmentNames.length; i++) {
    const prevName = sortedSegmentNames[i - 1];
    const name = sortedSegmentNames[i];
    if (prevName === undefined || name === undefined) continue;
    const prev = parseSegmentName(prevName, walSegmentSize);
    const cur = parseSegmentName(name, walSegmentSize);
    if (compareSegmentNames(prevName, name, walSegmentSize) >= 0) {
      throw new Error(
        `listGaps needs sorted, distinct segment names: "${prevName}" is not before "${name}"`,
      );
    }
    if (cur.segNo > prev.segNo + 1n) {
      const missing = cur.segNo - prev.segNo - 1n;
      gaps.push({
        timeline: cur.timeline,
        firstMissing: segmentNameFromSegNo(cur.timeline, prev.segNo + 1n, walSegmentSize),
        lastMissing: segmentNameFromSegNo(cur.timeline, cur.segNo - 1n, walSegmentSize),
        missingCount: Number(missing),
        after: prevName,
        before: name,
      });
    }
  }
  return gaps;
}

/**
 * Splits sorted segment names into runs that one pg_waldump invocation can
 * read: contiguous and on one timeline (pg_waldump does not follow timeline
 * history files).
 */
export function contiguousRuns(
  sortedSegmentNames: readonly string[],
  walSegmentSize = DEFAULT_WAL_SEGMENT_SIZE,
): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let prev: SegmentAddress | null = null;
  for (const name of sortedSegmentNames) {
    const a = parseSegmentName(name, walSegmentSize);
    if (prev !== null && (a.timeline !== prev.timeline || a.segNo !== prev.segNo + 1n)) {
      runs.push(run);
      run = [];
    }
    run.push(name);
    prev = a;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
