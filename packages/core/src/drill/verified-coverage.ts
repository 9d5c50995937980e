import { formatEpochMicros, toEpochMicros } from '../time/parse-target-time';
import type { RegionWindow } from '../window/restore-window';

export interface TimeRange {
  from: string;
  to: string;
}

export interface ProvenRange {
  /** the stop time of the backup the drill restored from */
  from: Date | string;
  /** the drill's target */
  to: Date | string;
}

export interface VerifiedCoverage {
  /** the union of proven ranges within the region's window, oldest first */
  verified: TimeRange[];
  /** verified seconds over restorable seconds; null when nothing is restorable */
  verifiedFraction: number | null;
}

/**
 * A successful drill at T from backup B proves [B's stop time, T] in its region: every second in
 * it was replayed from B's region and checked. The union of what drills proved, cut to the
 * region's current window (retention moves its start; gaps are not restorable, so not proven).
 */
export function verifiedCoverage(
  window: Pick<RegionWindow, 'ranges'>,
  proven: readonly ProvenRange[],
): VerifiedCoverage {
  const spans = proven
    .map((p) => ({ from: toEpochMicros(p.from), to: toEpochMicros(p.to) }))
    .filter((p) => p.to >= p.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: { from: bigint; to: bigint }[] = [];
  for (const s of spans) {
    const prev = merged[merged.length - 1];
    if (prev && s.from <= prev.to) {
      if (s.to > prev.to) prev.to = s.to;
    } else merged.push({ ...s });
  }
  const cut: { from: bigint; to: bigint }[] = [];
  let restorable = 0n;
  for (const r of window.ranges) {
    restorable += r.latestMicros - r.earliestMicros;
    for (const m of merged) {
      const from = m.from > r.earliestMicros ? m.from : r.earliestMicros;
      const to = m.to < r.latestMicros ? m.to : r.latestMicros;
      if (from <= to) cut.push({ from, to });
    }
  }
  const verifiedMicros = cut.reduce((a, c) => a + (c.to - c.from), 0n);
  return {
    verified: cut.map((c) => ({ from: formatEpochMicros(c.from), to: formatEpochMicros(c.to) })),
    verifiedFraction:
      window.ranges.length === 0
        ? null
        : restorable === 0n
          ? cut.length > 0
            ? 1
            : 0
          : Math.min(1, Number((verifiedMicros * 1_000_000n) / restorable) / 1_000_000),
  };
}
