import { parseLsn } from '@rewind/core';
import { runWaldump, type RunWaldumpOptions } from './run-waldump';
import { DEFAULT_WAL_SEGMENT_SIZE, nextSegment, segmentEndLsn } from './segment-names';

/**
 * Whether WAL written after the newest archived segment holds a transaction's end (COMMIT,
 * ABORT, PREPARE…): read from the instance's own pg_wal, from the start of that archived segment
 * (a record may begin in it and end in the open one) through the open segment. false means the
 * unarchived tail is only what changes no visible data (checkpoints, running-xacts, a switch), so
 * every commit written so far is archived. null when the archived segment has already left pg_wal
 * (a checkpoint recycled it): a record spanning into the tail cannot be ruled out.
 */
export async function unarchivedTailCommits(options: {
  walDir: string;
  /** the newest archived segment; the open segment must follow it */
  archivedSegment: string;
  openSegment: string;
  waldump: Pick<RunWaldumpOptions, 'waldumpBin' | 'timeoutMs' | 'wrapCommand'>;
  walSegmentSize?: number;
}): Promise<boolean | null> {
  const segSize = options.walSegmentSize ?? DEFAULT_WAL_SEGMENT_SIZE;
  if (nextSegment(options.archivedSegment, segSize) !== options.openSegment) return true;
  const archivedEnd = parseLsn(segmentEndLsn(options.archivedSegment, segSize)).value;
  let commits = false;
  try {
    await runWaldump(
      {
        ...options.waldump,
        walDir: options.walDir,
        startSegment: options.archivedSegment,
        endSegment: options.openSegment,
        rmgrs: ['Transaction'],
        walSegmentSize: segSize,
      },
      (record) => {
        if (parseLsn(record.lsn).value + BigInt(record.totalLength) > archivedEnd) commits = true;
      },
    );
  } catch (err) {
    // the archived segment was recycled (or the open one not created yet): cannot tell
    if (/could not (find|open) file|No such file/i.test((err as Error).message)) return null;
    throw err;
  }
  return commits;
}
