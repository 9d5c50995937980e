import { describe, expect, it } from 'vitest';
import { recoveryPointAgeBins } from './fleet-recoverability-dashboard';

describe('recoveryPointAgeBins', () => {
  it('labels the bins and shares them over every sample, the unrestorable ones included', () => {
    const bins = recoveryPointAgeBins([6, 2, 0, 1, 0, 1], 10);
    expect(bins.map((b) => b.label)).toEqual([
      '< 1 min',
      '1–5 min',
      '5–15 min',
      '15 min–1 h',
      '1–6 h',
      '≥ 6 h',
    ]);
    expect(bins[0]).toEqual({
      label: '< 1 min',
      fromSeconds: 0,
      toSeconds: 60,
      samples: 6,
      share: 0.3,
    });
    expect(bins[5]).toMatchObject({ fromSeconds: 21_600, toSeconds: null, share: 0.05 });
  });

  it('shares nothing when there is no sample', () => {
    expect(recoveryPointAgeBins([0, 0, 0, 0, 0, 0], 0).every((b) => b.share === 0)).toBe(true);
  });
});
