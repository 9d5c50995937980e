import { formatEpochMicros, parseTargetTime, toEpochMicros } from '../time/parse-target-time';
import type { AppErrorCode } from '../errors/app-error';

/**
 * The restorable window of one instance, per region, from the catalog (a mirror of
 * `pgbackrest info` plus what we know about archived WAL).
 *
 * Model: WAL ranges are contiguous runs of archived segments. Ranges that follow each other
 * without a missing segment form a span. Recovery replays WAL forward from a backup, so a
 * backup serves targets from just after its stop time up to the newest commit of the span
 * that holds the backup's WAL; it cannot cross a missing segment. The window is the union of
 * what every retained backup serves; the holes in that union are the gaps.
 *
 * Bounds, to the whole second:
 * - earliest of a backup = floor(stop) + 1 s: pgBackRest keeps backup stop times in whole
 *   seconds and selects a backup only when its stop second is before the target second, so a
 *   target in the stop second itself is refused;
 * - latest of a span = the last whole second strictly before the newest archived commit:
 *   recovery_target_time is reached only when replay sees a commit *after* the target. A
 *   target at or past the newest commit would end recovery with "recovery ended before
 *   configured recovery target was reached". Never "now": WAL not yet archived is not
 *   restorable.
 * Timelines are kept apart: a backup serves only WAL of its own timeline.
 */

export type TimeInput = Date | string | bigint;

export interface WindowBackup {
  region: string;
  label: string;
  stoppedAt: TimeInput;
  /** first and last WAL segment the backup needs, e.g. 000000010000000000000003 */
  walStart: string;
  walStop: string;
}

export interface WindowWalRange {
  region: string;
  startSegment: string;
  stopSegment: string;
  /** newest commit in the range, when known (pg_waldump / heartbeat) */
  lastCommitAt?: TimeInput | null;
}

export interface WindowInput {
  /** regions in preference order (region A first); regions with no data still appear */
  regions: readonly string[];
  backups: readonly WindowBackup[];
  walRanges: readonly WindowWalRange[];
  /** newest archived commit per region, when known more precisely than the WAL ranges say */
  latestCommitAt?: Readonly<Record<string, TimeInput | null | undefined>>;
  /**
   * Per region, a quiet database's coverage: when catalog sync last found every WAL byte the
   * instance had written archived there (through `segment`), and when it looked (`at`). The
   * newest span then reaches `at` though its newest commit is older (see `quietLatestMicros`).
   */
  archivedThrough?: Readonly<Record<string, ArchivedThrough | null | undefined>>;
  /** bytes per WAL segment (initdb --wal-segsize); 16 MiB unless changed */
  walSegmentSize?: number;
}

export interface ArchivedThrough {
  at: TimeInput;
  /** the segment holding the last WAL byte written at `at` */
  segment: string;
}

export interface WindowBackupRef {
  label: string;
  earliest: string;
  earliestMicros: bigint;
  /** end of what this backup serves (the newest commit of its WAL span, to the second) */
  latestMicros: bigint;
}

export interface WindowRange {
  earliest: string;
  latest: string;
  earliestMicros: bigint;
  latestMicros: bigint;
  /** backups that serve this range, oldest first; the newest one at or before a target serves it */
  backups: WindowBackupRef[];
}

export interface WindowGap {
  /** last restorable second before the gap */
  from: string;
  /** first restorable second after the gap */
  to: string;
}

export interface RegionWindow {
  region: string;
  earliest: string | null;
  latest: string | null;
  ranges: WindowRange[];
  gaps: WindowGap[];
  /**
   * Set when the window's end comes from a quiet database's coverage rather than a commit: all WAL
   * written until then is archived (RFC 3339 UTC µs). A target after the newest archived commit
   * is then the state at the end of archived WAL.
   */
  archivedThrough?: string;
}

const SECOND = 1_000_000n;
const DEFAULT_SEGMENT_SIZE = 16 * 1024 * 1024;
const SEGMENT_NAME = /^[0-9A-F]{24}$/;

function floorSecond(micros: bigint): bigint {
  const r = ((micros % SECOND) + SECOND) % SECOND;
  return micros - r;
}

interface Segment {
  timeline: number;
  /** segment number across log files */
  number: bigint;
}

function parseSegment(name: string, segmentsPerLogFile: bigint): Segment {
  const upper = name.toUpperCase();
  if (!SEGMENT_NAME.test(upper))
    throw new Error(`invalid WAL segment name ${JSON.stringify(name)}`);
  const timeline = Number.parseInt(upper.slice(0, 8), 16);
  const log = BigInt(`0x${upper.slice(8, 16)}`);
  const seg = BigInt(`0x${upper.slice(16, 24)}`);
  return { timeline, number: log * segmentsPerLogFile + seg };
}

interface Span {
  timeline: number;
  first: bigint;
  last: bigint;
  lastCommitMicros: bigint | null;
}

function maxOrNull(a: bigint | null, b: bigint | null): bigint | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function spansOf(ranges: WindowWalRange[], segmentsPerLogFile: bigint): Span[] {
  const parsed = ranges
    .map((r) => ({
      start: parseSegment(r.startSegment, segmentsPerLogFile),
      stop: parseSegment(r.stopSegment, segmentsPerLogFile),
      lastCommitMicros: r.lastCommitAt == null ? null : toEpochMicros(r.lastCommitAt),
    }))
    .sort(
      (a, b) =>
        a.start.timeline - b.start.timeline ||
        (a.start.number < b.start.number ? -1 : a.start.number > b.start.number ? 1 : 0),
    );
  const spans: Span[] = [];
  for (const r of parsed) {
    const prev = spans[spans.length - 1];
    // Overlapping or adjacent ranges on one timeline join; anything else leaves a hole.
    if (prev && prev.timeline === r.start.timeline && r.start.number <= prev.last + 1n) {
      if (r.stop.number > prev.last) prev.last = r.stop.number;
      prev.lastCommitMicros = maxOrNull(prev.lastCommitMicros, r.lastCommitMicros);
    } else {
      spans.push({
        timeline: r.start.timeline,
        first: r.start.number,
        last: r.stop.number,
        lastCommitMicros: r.lastCommitMicros,
      });
    }
  }
  return spans;
}

/**
 * The whole second a quiet database's coverage extends the newest span to, or null. It counts
 * only for the newest span and only if the covered segment lies in it: a segment missing since
 * (a gap) or a newer timeline ends what the coverage said.
 */
function quietLatestMicros(
  coverage: ArchivedThrough | null | undefined,
  newestSpan: Span | undefined,
  segmentsPerLogFile: bigint,
): bigint | null {
  if (!coverage || !newestSpan) return null;
  const seg = parseSegment(coverage.segment, segmentsPerLogFile);
  if (seg.timeline !== newestSpan.timeline) return null;
  if (seg.number < newestSpan.first || seg.number > newestSpan.last) return null;
  return floorSecond(toEpochMicros(coverage.at));
}

export function computeRestoreWindows(input: WindowInput): RegionWindow[] {
  const segmentsPerLogFile = 0x1_0000_0000n / BigInt(input.walSegmentSize ?? DEFAULT_SEGMENT_SIZE);
  return input.regions.map((region) => {
    const spans = spansOf(
      input.walRanges.filter((r) => r.region === region),
      segmentsPerLogFile,
    );
    const override = input.latestCommitAt?.[region];
    const newestSpan = spans.reduce<Span | undefined>(
      (best, s) =>
        best === undefined ||
        s.timeline > best.timeline ||
        (s.timeline === best.timeline && s.last > best.last)
          ? s
          : best,
      undefined,
    );
    if (newestSpan && override != null) {
      newestSpan.lastCommitMicros = maxOrNull(newestSpan.lastCommitMicros, toEpochMicros(override));
    }
    const quietLatest = quietLatestMicros(
      input.archivedThrough?.[region],
      newestSpan,
      segmentsPerLogFile,
    );
    let quietUsed = false;

    const raw: WindowRange[] = [];
    for (const b of input.backups.filter((x) => x.region === region)) {
      const start = parseSegment(b.walStart, segmentsPerLogFile);
      const stop = parseSegment(b.walStop, segmentsPerLogFile);
      const span = spans.find(
        (s) => s.timeline === start.timeline && s.first <= start.number && stop.number <= s.last,
      );
      if (!span) continue;
      const earliest = floorSecond(toEpochMicros(b.stoppedAt)) + SECOND;
      // The last whole second strictly before the newest commit.
      const byCommit =
        span.lastCommitMicros === null ? null : floorSecond(span.lastCommitMicros - 1n);
      const byQuiet = span === newestSpan ? quietLatest : null;
      const latest = maxOrNull(byCommit, byQuiet);
      if (latest === null || latest < earliest) continue;
      if (byQuiet !== null && (byCommit === null || byQuiet > byCommit)) quietUsed = true;
      raw.push({
        earliest: formatEpochMicros(earliest),
        latest: formatEpochMicros(latest),
        earliestMicros: earliest,
        latestMicros: latest,
        backups: [
          {
            label: b.label,
            earliest: formatEpochMicros(earliest),
            earliestMicros: earliest,
            latestMicros: latest,
          },
        ],
      });
    }

    raw.sort((a, b) =>
      a.earliestMicros < b.earliestMicros ? -1 : a.earliestMicros > b.earliestMicros ? 1 : 0,
    );
    const ranges: WindowRange[] = [];
    for (const r of raw) {
      const prev = ranges[ranges.length - 1];
      // Only overlap joins: ranges that merely touch (latest 10:00:05, next earliest 10:00:06)
      // still leave the fraction of a second between them unrestorable.
      if (prev && r.earliestMicros <= prev.latestMicros) {
        if (r.latestMicros > prev.latestMicros) {
          prev.latestMicros = r.latestMicros;
          prev.latest = r.latest;
        }
        prev.backups.push(...r.backups);
      } else {
        ranges.push(r);
      }
    }
    for (const r of ranges)
      r.backups.sort((a, b) =>
        a.earliestMicros < b.earliestMicros ? -1 : a.earliestMicros > b.earliestMicros ? 1 : 0,
      );

    const gaps: WindowGap[] = [];
    for (let i = 1; i < ranges.length; i++)
      gaps.push({ from: ranges[i - 1]!.latest, to: ranges[i]!.earliest });
    return {
      region,
      earliest: ranges[0]?.earliest ?? null,
      latest: ranges[ranges.length - 1]?.latest ?? null,
      ranges,
      gaps,
      ...(quietUsed
        ? { archivedThrough: formatEpochMicros(toEpochMicros(input.archivedThrough![region]!.at)) }
        : {}),
    };
  });
}

export type LocateResult =
  | { ok: true; region: string; backupLabel: string; targetTime: string }
  | {
      ok: false;
      code: Extract<
        AppErrorCode,
        'target_in_future' | 'target_before_window' | 'target_after_window' | 'target_in_gap'
      >;
      message: string;
      nearest?: { before?: string; after?: string };
    };

export interface LocateOptions {
  /** only consider this region (the caller asked for it) */
  region?: string;
}

/**
 * Which region and backup serve `target`, or why nothing can, in words a person can act on.
 * Regions are tried in the order given (region A first), so B serves only what A cannot.
 */
export function locateTarget(
  windows: readonly RegionWindow[],
  target: TimeInput | { epochMicros: bigint },
  now: TimeInput,
  options: LocateOptions = {},
): LocateResult {
  const t =
    typeof target === 'object' && !(target instanceof Date)
      ? target.epochMicros
      : typeof target === 'string'
        ? parseTargetTime(target).epochMicros
        : toEpochMicros(target);
  const nowMicros = toEpochMicros(now);
  const shown = formatEpochMicros(t);
  if (t > nowMicros) {
    return {
      ok: false,
      code: 'target_in_future',
      message: `${shown} is in the future (it is now ${formatEpochMicros(floorSecond(nowMicros))}); a restore can only go back in time`,
    };
  }

  const considered =
    options.region === undefined ? windows : windows.filter((w) => w.region === options.region);
  if (options.region !== undefined && considered.length === 0) {
    return {
      ok: false,
      code: 'target_before_window',
      message: `region ${options.region} holds no backups of this instance`,
    };
  }
  for (const w of considered) {
    for (const r of w.ranges) {
      if (t < r.earliestMicros || t > r.latestMicros) continue;
      const backup = [...r.backups]
        .reverse()
        .find((b) => b.earliestMicros <= t && t <= b.latestMicros);
      if (backup)
        return { ok: true, region: w.region, backupLabel: backup.label, targetTime: shown };
    }
  }

  const where = considered.length === 1 ? ` in ${considered[0]!.region}` : '';
  let before: { at: bigint; region: string } | undefined;
  let after: { at: bigint; region: string } | undefined;
  for (const w of considered) {
    for (const r of w.ranges) {
      if (r.latestMicros < t && (!before || r.latestMicros > before.at))
        before = { at: r.latestMicros, region: w.region };
      if (r.earliestMicros > t && (!after || r.earliestMicros < after.at))
        after = { at: r.earliestMicros, region: w.region };
    }
  }
  if (!before && !after) {
    return {
      ok: false,
      code: 'target_before_window',
      message: `nothing is restorable${where} yet: no backup has finished with its WAL archived`,
    };
  }
  if (!before) {
    return {
      ok: false,
      code: 'target_before_window',
      message: `${shown} is before the restorable window${where}: the earliest restorable second is ${formatEpochMicros(after!.at)} (just after the oldest retained backup finished)`,
      nearest: { after: formatEpochMicros(after!.at) },
    };
  }
  if (!after) {
    return {
      ok: false,
      code: 'target_after_window',
      message: `${shown} is after the restorable window${where}: the latest restorable second is ${formatEpochMicros(before.at)} (the newest commit in archived WAL); newer commits become restorable once their WAL is archived`,
      nearest: { before: formatEpochMicros(before.at) },
    };
  }
  const gapRegion = considered.length === 1 ? considered[0]!.region : before.region;
  const gap = considered
    .find((w) => w.region === gapRegion)
    ?.gaps.find((g) => toEpochMicros(g.from) < t && t < toEpochMicros(g.to));
  const span = gap ? ` from ${gap.from} to ${gap.to}` : '';
  return {
    ok: false,
    code: 'target_in_gap',
    message: `${shown} is inside a WAL gap in ${gapRegion}${span}; the nearest restorable seconds are ${formatEpochMicros(before.at)} and ${formatEpochMicros(after.at)}`,
    nearest: { before: formatEpochMicros(before.at), after: formatEpochMicros(after.at) },
  };
}
