/**
 * Destructive events (DROP TABLE/DATABASE, TRUNCATE, mass DELETE/UPDATE) in a
 * list of archived segments. The caller bounds the list by time (e.g. from the
 * catalog's WAL ranges); `from`/`to` then trim by commit time.
 *
 * Segments are read in batches so only `batchSize + 1` of them are on disk at
 * once. Consecutive batches overlap by one segment: a record that starts at the
 * end of a batch and continues into the next segment is unreadable in the first
 * batch (pg_waldump stops there) and read whole by the next; records already
 * seen are skipped by LSN.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLsn, type DestructiveEvent } from '@rewind/core';
import { DestructiveEventCollector, type DestructiveEventOptions } from './destructive-events';
import { runWaldump, type RunWaldumpOptions } from './run-waldump';
import { contiguousRuns, DEFAULT_WAL_SEGMENT_SIZE, sortSegmentNames } from './segment-names';
import type { SegmentSource } from './segment-source';

export interface FindDestructiveEventsOptions extends DestructiveEventOptions {
  segments: readonly string[];
  source: SegmentSource;
  /** only events committed at or after this instant (RFC 3339) */
  from?: string;
  /** only events committed at or before this instant (RFC 3339) */
  to?: string;
  /** segments per pg_waldump run; default 8 */
  batchSize?: number;
  /** scratch directory parent; default os.tmpdir() */
  workDir?: string;
  waldump?: Pick<RunWaldumpOptions, 'waldumpBin' | 'timeoutMs' | 'signal' | 'wrapCommand'>;
  walSegmentSize?: number;
}

/** RFC 3339 → comparable microseconds since the epoch (Date alone drops microseconds). */
function toMicros(instant: string): bigint {
  const m = /^(.*?:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(instant.trim());
  if (!m || m[1] === undefined || m[3] === undefined)
    throw new Error(`invalid RFC 3339 instant "${instant}"`);
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) throw new Error(`invalid RFC 3339 instant "${instant}"`);
  const fraction = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return BigInt(ms) * 1000n + BigInt(fraction);
}

export async function findDestructiveEvents(
  options: FindDestructiveEventsOptions,
): Promise<DestructiveEvent[]> {
  const segSize = options.walSegmentSize ?? DEFAULT_WAL_SEGMENT_SIZE;
  const batchSize = options.batchSize ?? 8;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const from = options.from !== undefined ? toMicros(options.from) : null;
  const to = options.to !== undefined ? toMicros(options.to) : null;

  const collector = new DestructiveEventCollector(options);
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'rewind-wal-events-'));
  try {
    for (const run of contiguousRuns(sortSegmentNames(options.segments, segSize), segSize)) {
      let lastLsn: string | null = null;
      const onDisk = new Set<string>();
      let i = 0;
      while (i < run.length) {
        // Overlap: the previous batch's last segment starts this one.
        const start = i === 0 ? 0 : i - 1;
        const batch = run.slice(start, Math.min(run.length, start + batchSize + (i === 0 ? 0 : 1)));
        for (const segment of batch) {
          if (onDisk.has(segment)) continue;
          if (!(await options.source.fetch(segment, dir))) {
            throw new Error(
              `WAL segment ${segment} is listed as archived but ${options.source.description} does not have it`,
            );
          }
          onDisk.add(segment);
        }
        const first = batch[0];
        const last = batch[batch.length - 1];
        if (first === undefined || last === undefined) break;
        await runWaldump(
          {
            ...options.waldump,
            walDir: dir,
            startSegment: first,
            endSegment: last,
            walSegmentSize: segSize,
          },
          (record) => {
            if (lastLsn !== null && compareLsn(record.lsn, lastLsn) <= 0) return;
            lastLsn = record.lsn;
            collector.add(record);
          },
        );
        for (const segment of batch) {
          if (segment !== last) {
            await rm(join(dir, segment), { force: true });
            onDisk.delete(segment);
          }
        }
        i = start + batch.length;
      }
      for (const segment of onDisk) await rm(join(dir, segment), { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  return collector.events().filter((e) => {
    const at = toMicros(e.committedAt);
    return (from === null || at >= from) && (to === null || at <= to);
  });
}
