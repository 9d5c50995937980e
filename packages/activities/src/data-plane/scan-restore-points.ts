import {
  compareSegmentNames,
  findRestorePoints,
  type FoundRestorePoint,
  type SegmentSource,
} from '@rewind/engine';
import type { ActivityDeps } from '../deps';

/** segments read per sync at most: a first sync of a long archive catches up over several */
const MAX_SEGMENTS_PER_SYNC = 64;

export interface RestorePointScan {
  /** restore points in the segments read now (some may be known already) */
  found: FoundRestorePoint[];
  /** every archived segment up to and including this one has been read (null: none yet) */
  scannedThrough: string | null;
  /** the oldest archived segment: restore points in older ones left the archive with them */
  oldestSegment: string | null;
}

/**
 * Reads the segments archived since the last sync for restore points. The last segment read
 * before is read again with its successor, so a RESTORE_POINT record that started at its very
 * end (and so could not be decoded then) is found now.
 */
export async function scanRestorePoints(
  deps: ActivityDeps,
  input: { segments: readonly string[]; scannedThrough: string | null; source: SegmentSource },
): Promise<RestorePointScan> {
  const { segments, scannedThrough } = input;
  const oldestSegment = segments[0] ?? null;
  const fresh =
    scannedThrough === null
      ? segments
      : segments.filter((s) => compareSegmentNames(s, scannedThrough) > 0);
  if (fresh.length === 0) return { found: [], scannedThrough, oldestSegment };
  const batch = fresh.slice(0, MAX_SEGMENTS_PER_SYNC);
  const toRead =
    scannedThrough !== null && segments.includes(scannedThrough)
      ? [scannedThrough, ...batch]
      : batch;
  const last = batch[batch.length - 1]!;
  const found = await findRestorePoints({
    segments: toRead,
    following: segments.filter((s) => compareSegmentNames(s, last) > 0).slice(0, 1),
    source: input.source,
    waldump: { waldumpBin: `${deps.engine.config.pgBinDir}/pg_waldump` },
  });
  return { found, scannedThrough: last, oldestSegment };
}
