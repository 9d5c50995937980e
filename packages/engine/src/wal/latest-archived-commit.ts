/**
 * The newest COMMIT in archived WAL: the `latest` end of the restorable window.
 * PostgreSQL stops a time-targeted recovery only at a commit/abort record later
 * than the target, and fails ("recovery ended before configured recovery target
 * was reached") if WAL runs out first — so this must come from the WAL itself,
 * never from the clock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTransactionEnd } from './parse-waldump';
import { compareLsn } from '@rewind/core';
import { runWaldump, type RunWaldumpOptions } from './run-waldump';
import { DEFAULT_WAL_SEGMENT_SIZE, nextSegment, sortSegmentNames } from './segment-names';
import type { SegmentSource } from './segment-source';

export interface LatestArchivedCommit {
  /** commit time, UTC ISO 8601 with microseconds */
  committedAt: string;
  xid: number;
  /** LSN of the COMMIT record */
  lsn: string;
  /** segment holding the COMMIT record */
  segment: string;
  /**
   * The newest transaction end (COMMIT or ABORT) at or after that commit.
   * Recovery can stop at an ABORT too, so a time target is reachable while it is
   * strictly before `transactionEnd.at`.
   */
  transactionEnd: { kind: 'commit' | 'abort'; xid: number; lsn: string; at: string };
}

export interface LatestArchivedCommitOptions {
  /** archived segment names; the walk starts at the newest */
  segments: readonly string[];
  source: SegmentSource;
  /** give up after this many segments without a commit; default 16 */
  maxSegments?: number;
  /** scratch directory parent; default os.tmpdir() */
  workDir?: string;
  waldump?: Pick<RunWaldumpOptions, 'waldumpBin' | 'timeoutMs' | 'signal' | 'wrapCommand'>;
  walSegmentSize?: number;
}

export async function latestArchivedCommit(
  options: LatestArchivedCommitOptions,
): Promise<LatestArchivedCommit | null> {
  const segSize = options.walSegmentSize ?? DEFAULT_WAL_SEGMENT_SIZE;
  const newestFirst = sortSegmentNames(options.segments, segSize).reverse();
  const maxSegments = options.maxSegments ?? 16;
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'rewind-wal-latest-'));
  try {
    const fetched = new Set<string>();
    let newestEnd: LatestArchivedCommit['transactionEnd'] | null = null;
    for (const segment of newestFirst.slice(0, maxSegments)) {
      if (!(await options.source.fetch(segment, dir))) {
        throw new Error(
          `WAL segment ${segment} is listed as archived but ${options.source.description} does not have it`,
        );
      }
      fetched.add(segment);
      // A COMMIT near the end of this segment may continue into the next one:
      // read through the next segment when we have it (its own commits are
      // already known to be absent, or newer).
      const next = nextSegment(segment, segSize);
      const endSegment = fetched.has(next) ? next : segment;
      let commit: { xid: number; lsn: string; at: string } | null = null;
      await runWaldump(
        {
          ...options.waldump,
          walDir: dir,
          startSegment: segment,
          endSegment,
          rmgrs: ['Transaction'],
          walSegmentSize: segSize,
        },
        (record) => {
          const end = parseTransactionEnd(record);
          if (!end) return;
          if (!newestEnd || compareLsn(end.lsn, newestEnd.lsn) > 0)
            newestEnd = { kind: end.kind, xid: end.xid, lsn: end.lsn, at: end.at };
          if (end.kind === 'commit' && (!commit || compareLsn(end.lsn, commit.lsn) > 0))
            commit = { xid: end.xid, lsn: end.lsn, at: end.at };
        },
      );
      const found = commit as { xid: number; lsn: string; at: string } | null;
      const end = newestEnd as LatestArchivedCommit['transactionEnd'] | null;
      if (found && end) {
        return {
          committedAt: found.at,
          xid: found.xid,
          lsn: found.lsn,
          segment,
          transactionEnd: end,
        };
      }
      // Only the newest two segments are ever needed at once.
      for (const f of fetched) if (f !== segment) await rm(join(dir, f), { force: true });
      for (const f of [...fetched]) if (f !== segment) fetched.delete(f);
    }
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
