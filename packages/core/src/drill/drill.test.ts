import { describe, expect, it } from 'vitest';
import { computeRestoreWindows } from '../window/restore-window';
import { drillSlot, pickDrillTarget } from './drill-target';
import { verifiedCoverage } from './verified-coverage';

// two ranges split by a gap: [10:00:01, 10:00:04] and [10:10:01, 10:10:02]
const [window] = computeRestoreWindows({
  regions: ['a'],
  backups: [
    {
      region: 'a',
      label: 'F1',
      stoppedAt: '2026-01-01T10:00:00.5Z',
      walStart: '000000010000000000000002',
      walStop: '000000010000000000000002',
    },
    {
      region: 'a',
      label: 'F2',
      stoppedAt: '2026-01-01T10:10:00Z',
      walStart: '000000010000000000000006',
      walStop: '000000010000000000000006',
    },
  ],
  walRanges: [
    {
      region: 'a',
      startSegment: '000000010000000000000002',
      stopSegment: '000000010000000000000003',
      lastCommitAt: '2026-01-01T10:00:04.2Z',
    },
    {
      region: 'a',
      startSegment: '000000010000000000000006',
      stopSegment: '000000010000000000000007',
      lastCommitAt: '2026-01-01T10:10:02.9Z',
    },
  ],
});

describe('pickDrillTarget', () => {
  it('maps every draw to a distinct restorable second, never into the gap', () => {
    expect(window!.gaps).toHaveLength(1);
    const picks = [0, 1, 2, 3, 4, 5].map((k) => pickDrillTarget(window!, 'random', () => k)!.time);
    expect(picks).toEqual([
      '2026-01-01T10:00:01Z',
      '2026-01-01T10:00:02Z',
      '2026-01-01T10:00:03Z',
      '2026-01-01T10:00:04Z',
      '2026-01-01T10:10:01Z',
      '2026-01-01T10:10:02Z',
    ]);
  });

  it('draws over the whole count of seconds, and the oldest kind is the window start', () => {
    let asked = 0;
    pickDrillTarget(window!, 'random', (n) => ((asked = n), 0));
    expect(asked).toBe(6);
    expect(pickDrillTarget(window!, 'oldest', () => 0)).toEqual({
      kind: 'oldest',
      time: '2026-01-01T10:00:01Z',
    });
    expect(pickDrillTarget({ ranges: [] }, 'random', () => 0)).toBeNull();
    expect(() => pickDrillTarget(window!, 'random', () => 6)).toThrow(/returned 6/);
  });
});

describe('drillSlot', () => {
  it('alternates regions and takes the oldest second every Nth drill', () => {
    const slots = [0, 1, 2, 3, 4, 5].map((s) => drillSlot(s, ['a', 'b'], 3));
    expect(slots.map((s) => s.region)).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(slots.map((s) => s.kind)).toEqual([
      'random',
      'random',
      'oldest',
      'random',
      'random',
      'oldest',
    ]);
    expect(drillSlot(2, ['a', 'b'], null).kind).toBe('random');
  });
});

describe('verifiedCoverage', () => {
  it('is the union of proven ranges cut to the window, with the fraction of restorable time', () => {
    const c = verifiedCoverage(window!, [
      { from: '2026-01-01T10:00:00.5Z', to: '2026-01-01T10:00:02Z' },
      { from: '2026-01-01T10:00:00.5Z', to: '2026-01-01T10:00:03Z' },
      // spans the gap: only its restorable parts count
      { from: '2026-01-01T10:00:03.5Z', to: '2026-01-01T10:10:01.5Z' },
    ]);
    expect(c.verified).toEqual([
      { from: '2026-01-01T10:00:01Z', to: '2026-01-01T10:00:03Z' },
      { from: '2026-01-01T10:00:03.500000Z', to: '2026-01-01T10:00:04Z' },
      { from: '2026-01-01T10:10:01Z', to: '2026-01-01T10:10:01.500000Z' },
    ]);
    // restorable: 3 s + 1 s; verified: 2 + 0.5 + 0.5
    expect(c.verifiedFraction).toBeCloseTo(3 / 4, 6);
  });

  it('knows nothing proven, and nothing restorable', () => {
    expect(verifiedCoverage(window!, [])).toEqual({ verified: [], verifiedFraction: 0 });
    expect(
      verifiedCoverage({ ranges: [] }, [
        { from: '2026-01-01T10:00:00Z', to: '2026-01-01T10:00:01Z' },
      ]),
    ).toEqual({ verified: [], verifiedFraction: null });
  });
});
