/**
 * Restore points (pg_create_restore_point) in archived WAL: what a `name` target may ask for.
 * A restore point that is not in archived WAL cannot be reached (recovery would replay to the
 * end and fail), so the catalog records those found here and pre-flight refuses the rest.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRestorePoint } from './parse-waldump';
import { runWaldump, type RunWaldumpOptions } from './run-waldump';
import {
  contiguousRuns,
  DEFAULT_WAL_SEGMENT_SIZE,
  lsnToSegment,
  nextSegment,
  parseSegmentName,
  sortSegmentNames,
} from './segment-names';
import type { SegmentSource } from './segment-source';

export interface FoundRestorePoint {
  name: string;
  /** LSN of the RESTORE_POINT record */
  lsn: string;
  /** the segment the record starts in */
  segment: string;
}

export interface FindRestorePointsOptions {
  /** the archived segments to read (any order; gaps are read around) */
  segments: readonly string[];
  /**
   * archived segments after `segments` that may be fetched only to finish a record that starts
   * in the last one (its points are not reported)
   */
  following?: readonly string[];
  source: SegmentSource;
  workDir?: string;
  waldump?: Pick<RunWaldumpOptions, 'waldumpBin' | 'timeoutMs' | 'signal' | 'wrapCommand'>;
  walSegmentSize?: number;
}

export async function findRestorePoints(
  options: FindRestorePointsOptions,
): Promise<FoundRestorePoint[]> {
  const segSize = options.walSegmentSize ?? DEFAULT_WAL_SEGMENT_SIZE;
  const wanted = new Set(options.segments);
  const found: FoundRestorePoint[] = [];
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'rewind-wal-points-'));
  try {
    for (const [i, run] of contiguousRuns(sortSegmentNames(options.segments, segSize)).entries()) {
      const runDir = join(dir, String(i));
      await mkdir(runDir);
      const first = run[0]!;
      let last = run[run.length - 1]!;
      for (const segment of run) {
        if (!(await options.source.fetch(segment, runDir)))
          throw new Error(
            `WAL segment ${segment} is listed as archived but ${options.source.description} does not have it`,
          );
      }
      // a record that starts in the run's last segment may end in the next one
      const next = nextSegment(last, segSize);
      if ((options.following ?? []).includes(next) && (await options.source.fetch(next, runDir)))
        last = next;
      const timeline = parseSegmentName(first, segSize).timeline;
      await runWaldump(
        {
          ...options.waldump,
          walDir: runDir,
          startSegment: first,
          endSegment: last,
          rmgrs: ['XLOG'],
          walSegmentSize: segSize,
        },
        (record) => {
          const point = parseRestorePoint(record);
          if (!point) return;
          const segment = lsnToSegment(point.lsn, timeline, segSize);
          if (wanted.has(segment)) found.push({ ...point, segment });
        },
      );
      // segments are 16 MB each: free them before the next run
      await rm(runDir, { recursive: true, force: true });
    }
    return found;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
