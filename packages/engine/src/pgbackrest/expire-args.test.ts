import { describe, expect, it } from 'vitest';
import { buildExpireArgs } from './expire-args';

describe('buildExpireArgs', () => {
  it('puts the current time-based retention of the one repo on the command line', () => {
    expect(buildExpireArgs({ repo: 1, retentionFullDays: 3 })).toEqual([
      '--repo1-retention-full-type=time',
      '--repo1-retention-full=3',
    ]);
    expect(buildExpireArgs({ repo: 2, retentionFullDays: 35 })).toEqual([
      '--repo2-retention-full-type=time',
      '--repo2-retention-full=35',
    ]);
  });
  it('leaves retention to pgbackrest.conf when none is given', () => {
    expect(buildExpireArgs({ repo: 1 })).toEqual([]);
  });
  it('refuses a retention pgBackRest would misread or that would expire everything', () => {
    for (const days of [0, -1, 1.5, Number.NaN]) {
      expect(() => buildExpireArgs({ repo: 1, retentionFullDays: days })).toThrow(
        /whole number of days/,
      );
    }
  });
});
