import { formatEpochMicros } from '../time/parse-target-time';
import type { RegionWindow } from '../window/restore-window';

const SECOND = 1_000_000n;

/** random and oldest come from the drill sequence; chosen: an operator named the second */
export type DrillTargetKind = 'random' | 'oldest' | 'chosen';

export interface DrillTarget {
  kind: DrillTargetKind;
  /** a whole second inside one of the region's ranges, RFC 3339 UTC */
  time: string;
}

/**
 * The second a drill restores to: uniformly random over every restorable second of the region's
 * window (the ranges only, so never inside a gap), or its oldest second, which proves the chain
 * from the oldest retained backup. Range bounds are whole seconds and both ends are restorable.
 * `randomBelow(n)` returns an integer in [0, n); null when the region has nothing restorable.
 */
export function pickDrillTarget(
  window: Pick<RegionWindow, 'ranges'>,
  kind: DrillTargetKind,
  randomBelow: (n: number) => number,
): DrillTarget | null {
  const ranges = window.ranges;
  if (ranges.length === 0) return null;
  if (kind === 'oldest') return { kind, time: formatEpochMicros(ranges[0]!.earliestMicros) };
  const sizes = ranges.map((r) => (r.latestMicros - r.earliestMicros) / SECOND + 1n);
  const total = sizes.reduce((a, b) => a + b, 0n);
  let k = BigInt(randomBelow(Number(total)));
  if (k < 0n || k >= total) throw new Error(`randomBelow(${total}) returned ${k}`);
  for (let i = 0; i < ranges.length; i++) {
    if (k < sizes[i]!)
      return { kind, time: formatEpochMicros(ranges[i]!.earliestMicros + k * SECOND) };
    k -= sizes[i]!;
  }
  throw new Error('invariant: the pick fell outside every range');
}

/**
 * Which region and target kind the drill with this sequence number (0 for an instance's first
 * scheduled drill) gets: regions alternate A, B, A, B…; every `oldestEvery`-th drill targets the
 * oldest restorable second (null or 0: never).
 */
export function drillSlot(
  sequence: number,
  regions: readonly string[],
  oldestEvery: number | null,
): { region: string; kind: DrillTargetKind } {
  if (regions.length === 0) throw new Error('no regions to drill');
  const region = regions[sequence % regions.length]!;
  const kind =
    oldestEvery && oldestEvery > 0 && (sequence + 1) % oldestEvery === 0 ? 'oldest' : 'random';
  return { region, kind };
}
