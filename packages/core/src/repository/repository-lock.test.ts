import { describe, expect, it } from 'vitest';
import { repositoryLockDays } from './repository-lock';

const DAY = 86_400;

describe('repositoryLockDays', () => {
  it('covers the longest window plus its full-backup interval plus the margin', () => {
    expect(
      repositoryLockDays([
        { retentionDaysMax: 1, fullBackupEverySeconds: DAY },
        { retentionDaysMax: 35, fullBackupEverySeconds: 7 * DAY },
        { retentionDaysMax: 14, fullBackupEverySeconds: 7 * DAY },
      ]),
    ).toBe(35 + 7 + 7);
  });

  it('rounds a partial day of backup interval up', () => {
    expect(repositoryLockDays([{ retentionDaysMax: 2, fullBackupEverySeconds: DAY + 1 }], 0)).toBe(
      4,
    );
  });

  it('refuses an empty plan list', () => {
    expect(() => repositoryLockDays([])).toThrow(/no plans/);
  });
});
