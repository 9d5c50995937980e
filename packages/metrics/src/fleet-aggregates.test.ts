import { describe, expect, it } from 'vitest';
import type { FleetRecoverabilityInstance, InstanceWindowRegion } from '@rewind/db';
import { aggregateFleet, archiveLagBoundSeconds, coverageOfPromise } from './fleet-aggregates';

const now = new Date('2026-12-01T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
const region = (
  r: string,
  earliest: number | null,
  latest: number | null,
  gaps: [number, number][] = [],
): InstanceWindowRegion => ({
  region: r,
  earliest: earliest === null ? null : ago(earliest),
  latest: latest === null ? null : ago(latest),
  gaps: gaps.map(([f, t]) => ({ from: ago(f), to: ago(t) })),
  rpoSeconds: latest,
  latestCommitAt: latest === null ? null : ago(latest),
  archiveOk: true,
  error: null,
  syncedAt: now.toISOString(),
  verified: [],
  verifiedFraction: 0,
});
const instance = (
  regions: InstanceWindowRegion[],
  over: Partial<FleetRecoverabilityInstance> = {},
): FleetRecoverabilityInstance => ({
  archiveTimeoutSeconds: 30,
  retentionDays: 1,
  rpoSeconds: Math.min(...regions.flatMap((r) => (r.rpoSeconds === null ? [] : [r.rpoSeconds]))),
  regions,
  newestBackupAt: {},
  ...over,
});

describe('coverage of the promised window', () => {
  it('is the share of [promise start, newest commit anywhere] a region restores, gaps excluded', () => {
    // promise: the last day (the instance is older); A covers it all, B lacks its first 6 h and a 1 h gap
    const i = instance([
      region('a', 2 * 86400, 10),
      region('b', 18 * 3600, 10, [[5 * 3600, 4 * 3600]]),
    ]);
    const c = coverageOfPromise(i, now);
    expect(c.a).toBe(1);
    expect(c.b).toBeCloseTo((86400 - 10 - 6 * 3600 - 3600) / (86400 - 10), 6);
  });

  it('starts at the first backup of a young instance; a region trailing in lag is not uncovered', () => {
    // b's first backup came 100 s after a's; b's archive trails a's by 85 s (that is lag)
    const i = instance([region('a', 600, 5), region('b', 500, 90)]);
    const c = coverageOfPromise(i, now);
    expect(c.a).toBe(1);
    expect(c.b).toBeCloseTo((500 - 90) / (600 - 90), 6);
  });

  it('a region with nothing restorable covers 0; an instance with no backup yet promises nothing', () => {
    expect(coverageOfPromise(instance([region('a', 600, 5), region('b', null, null)]), now).b).toBe(
      0,
    );
    expect(coverageOfPromise(instance([region('a', null, null)]), now)).toEqual({});
  });
});

describe('fleet aggregates', () => {
  it('max lag and over-bound count per region, min coverage, oldest backup, drill pass ratio', () => {
    const bound = archiveLagBoundSeconds(30);
    expect(bound).toBe(120);
    const fleet = {
      instances: [
        instance([region('a', 3600, 20), region('b', 3600, bound + 1)], {
          newestBackupAt: {
            a: new Date(now.getTime() - 100_000),
            b: new Date(now.getTime() - 50_000),
          },
        }),
        instance([region('a', 3600, 50), region('b', 3600, 30)]),
      ],
      drills: [
        { region: 'a', status: 'succeeded' as const, count: 3 },
        { region: 'a', status: 'failed' as const, count: 1 },
        { region: 'b', status: 'succeeded' as const, count: 2 },
      ],
    };
    const a = aggregateFleet(fleet, ['a', 'b'], now);
    expect(a.instances).toBe(2);
    expect(a.recoveryPointAges.sort()).toEqual([20, 30]);
    expect(a.archiveLagMax).toEqual({ a: 50, b: bound + 1 });
    expect(a.archiveLagOverBound).toEqual({ a: 0, b: 1 });
    expect(a.coverageMin).toEqual({ a: 1, b: 1 });
    expect(a.backupAgeMax).toEqual({ a: 100, b: 50 });
    expect(a.drillPassRatio).toEqual({ a: 0.75, b: 1 });
  });
});
