import { describe, expect, it } from 'vitest';
import { computeRestoreWindows } from '../window/restore-window';
import { formatInZone } from './format-in-zone';
import { planRestore, type PlanInput } from './plan-restore';
import { judgeRecoveryStop, parseRecoveryLog } from './recovery-stop';
import { parseRestoreTarget } from './restore-target';

const seg = (n: number) => `00000001000000000000${n.toString(16).toUpperCase().padStart(4, '0')}`;
const windows = computeRestoreWindows({
  regions: ['region-a', 'region-b'],
  backups: [
    {
      region: 'region-a',
      label: 'F1',
      stoppedAt: '2026-11-22T10:00:05Z',
      walStart: seg(2),
      walStop: seg(3),
    },
    {
      region: 'region-a',
      label: 'I2',
      stoppedAt: '2026-11-22T12:00:00Z',
      walStart: seg(8),
      walStop: seg(8),
    },
    {
      region: 'region-b',
      label: 'F1',
      stoppedAt: '2026-11-22T10:00:05Z',
      walStart: seg(2),
      walStop: seg(3),
    },
  ],
  walRanges: [
    {
      region: 'region-a',
      startSegment: seg(2),
      stopSegment: seg(12),
      lastCommitAt: '2026-11-22T13:00:00.5Z',
    },
    {
      region: 'region-b',
      startSegment: seg(2),
      stopSegment: seg(12),
      lastCommitAt: '2026-11-22T13:00:00.5Z',
    },
  ],
});
const base: Omit<PlanInput, 'target'> = {
  windows,
  backups: [
    { region: 'region-a', label: 'F1', endLsn: '0/3000100' },
    { region: 'region-a', label: 'I2', endLsn: '0/8000100' },
    { region: 'region-b', label: 'F1', endLsn: '0/3000100' },
  ],
  latestCommit: {
    'region-a': { lsn: '0/C000200', at: '2026-11-22T13:00:00.5Z', xid: '1200' },
    'region-b': { lsn: '0/C000200', at: '2026-11-22T13:00:00.5Z', xid: '1100' },
  },
  restorePoints: [
    { region: 'region-a', name: 'before-migration', lsn: '0/9000050' },
    { region: 'region-b', name: 'before-migration', lsn: '0/9000050' },
    { region: 'region-a', name: 'early', lsn: '0/2000050' },
  ],
  now: '2026-11-22T14:00:00Z',
  timeZone: 'Europe/Paris',
};

describe('parseRestoreTarget', () => {
  it('normalises each kind', () => {
    expect(parseRestoreTarget({ time: '2026-11-22T15:05:00.25+01:00' })).toEqual({
      time: '2026-11-22T14:05:00.250000Z',
      inclusive: true,
    });
    expect(parseRestoreTarget({ lsn: '0/a0', inclusive: false })).toEqual({
      lsn: '0/A0',
      inclusive: false,
    });
    expect(parseRestoreTarget({ xid: 745 })).toEqual({ xid: '745', inclusive: true });
    expect(parseRestoreTarget({ name: 'before-migration' })).toEqual({ name: 'before-migration' });
    expect(parseRestoreTarget('latest')).toEqual({ latest: true });
  });

  it('refuses naive times, malformed LSNs, two kinds, unknown fields', () => {
    expect(() => parseRestoreTarget({ time: '2026-11-22T14:05:00' })).toThrow(
      expect.objectContaining({ code: 'target_naive' }),
    );
    expect(() => parseRestoreTarget({ lsn: '0-A0' })).toThrow(/not a valid LSN/);
    expect(() => parseRestoreTarget({ lsn: '0/A0', xid: 5 })).toThrow(/exactly one/);
    expect(() => parseRestoreTarget({ time: '2026-11-22T14:05:00Z', when: 1 })).toThrow(
      /unknown field/,
    );
    expect(() => parseRestoreTarget({ name: "a'b" })).toThrow(/pg_create_restore_point/);
    expect(() => parseRestoreTarget('yesterday')).toThrow(/latest/);
  });
});

describe('formatInZone', () => {
  it('shows the wall clock with its offset', () => {
    expect(formatInZone('2026-11-22T14:05:00.250000Z', 'Europe/Paris')).toBe(
      '2026-11-22T15:05:00.250000+01:00',
    );
    expect(formatInZone('2026-07-01T00:00:00Z', 'America/New_York')).toBe(
      '2026-06-30T20:00:00-04:00',
    );
    expect(formatInZone('2026-07-01T00:00:00Z', 'UTC')).toBe('2026-07-01T00:00:00+00:00');
  });
});

describe('planRestore', () => {
  it('time: region A, newest backup at or before, B as fallback; local time', () => {
    const p = planRestore({ ...base, target: { time: '2026-11-22T12:30:00Z', inclusive: true } });
    expect(p).toMatchObject({
      region: 'region-a',
      backupLabel: 'I2',
      candidates: [
        { region: 'region-a', backupLabel: 'I2' },
        { region: 'region-b', backupLabel: 'F1' },
      ],
      targetUtc: '2026-11-22T12:30:00Z',
      targetLocal: '2026-11-22T13:30:00+01:00',
    });
  });

  it('time: refusals carry the code and nearest seconds', () => {
    expect(() =>
      planRestore({ ...base, target: { time: '2026-11-22T09:00:00Z', inclusive: true } }),
    ).toThrow(
      expect.objectContaining({
        code: 'target_before_window',
        details: { nearest: { after: '2026-11-22T10:00:06Z' } },
      }),
    );
    expect(() =>
      planRestore({ ...base, target: { time: '2026-11-22T15:00:00Z', inclusive: true } }),
    ).toThrow(expect.objectContaining({ code: 'target_in_future' }));
    expect(() =>
      planRestore({ ...base, target: { time: '2026-11-22T13:30:00Z', inclusive: true } }),
    ).toThrow(expect.objectContaining({ code: 'target_after_window' }));
  });

  it('region asked for: only that region', () => {
    const p = planRestore({
      ...base,
      region: 'region-b',
      target: { time: '2026-11-22T12:30:00Z', inclusive: true },
    });
    expect(p.candidates).toEqual([{ region: 'region-b', backupLabel: 'F1' }]);
    expect(() => planRestore({ ...base, region: 'region-z', target: { latest: true } })).toThrow(
      /unknown region/,
    );
  });

  it('lsn: newest backup that ended at or before it; bounds refused', () => {
    expect(
      planRestore({ ...base, target: { lsn: '0/9000000', inclusive: true } }).backupLabel,
    ).toBe('I2');
    expect(
      planRestore({ ...base, target: { lsn: '0/5000000', inclusive: true } }).backupLabel,
    ).toBe('F1');
    expect(() => planRestore({ ...base, target: { lsn: '0/1000000', inclusive: true } })).toThrow(
      expect.objectContaining({ code: 'target_before_window' }),
    );
    expect(() => planRestore({ ...base, target: { lsn: '0/D000000', inclusive: true } })).toThrow(
      expect.objectContaining({ code: 'target_after_window' }),
    );
  });

  it('xid / name: the oldest backup of the newest range; latest: the newest backup', () => {
    expect(planRestore({ ...base, target: { xid: '900', inclusive: true } }).backupLabel).toBe(
      'F1',
    );
    expect(planRestore({ ...base, target: { name: 'before-migration' } })).toMatchObject({
      region: 'region-a',
      backupLabel: 'I2',
      candidates: [
        { region: 'region-a', backupLabel: 'I2' },
        { region: 'region-b', backupLabel: 'F1' },
      ],
    });
    expect(planRestore({ ...base, target: { latest: true } })).toMatchObject({
      backupLabel: 'I2',
      targetUtc: '2026-11-22T13:00:00.500000Z',
    });
  });
});

describe('planRestore: only targets that exist in archived WAL', () => {
  const refused = (target: PlanInput['target'], extra: Partial<PlanInput> = {}) => {
    try {
      planRestore({ ...base, ...extra, target });
    } catch (err) {
      return err as { code: string; message: string; details?: unknown };
    }
    throw new Error('expected a refusal');
  };

  it('refuses an xid after the newest archived commit (32-bit or not)', () => {
    for (const xid of ['4000000000', '18446744073709551615', '1201']) {
      const e = refused({ xid, inclusive: true });
      expect(e.code, xid).toBe('target_after_window');
      expect(e.message).toMatch(
        new RegExp(`transaction ${xid} .*newest transaction committed in archived WAL is 1200`),
      );
      expect(e.details).toEqual({ nearest: { beforeXid: '1200' } });
    }
    expect(planRestore({ ...base, target: { xid: '1200', inclusive: true } }).region).toBe(
      'region-a',
    );
    // region B has archived only up to 1100: it cannot serve 1150
    expect(
      planRestore({ ...base, target: { xid: '1150', inclusive: true } }).candidates.map(
        (c) => c.region,
      ),
    ).toEqual(['region-a']);
  });

  it('refuses an xid when no region knows its newest commit', () => {
    const e = refused({ xid: '900', inclusive: true }, { latestCommit: {} });
    expect(e).toMatchObject({
      code: 'target_before_window',
      message: expect.stringMatching(/nothing is restorable yet/),
    });
  });

  it('refuses a restore point never created, without echoing more than the name', () => {
    for (const name of ['../../../../etc/passwd', '$(reboot)', '`id`; rm -rf /', 'never-made']) {
      const e = refused({ name });
      expect(e.code, name).toBe('target_not_found');
      expect(e.message).toBe(
        `restore point ${JSON.stringify(name)} is not in archived WAL: create it with pg_create_restore_point() and let its WAL be archived (the catalog knows: before-migration, early)`,
      );
    }
  });

  it('refuses a restore point older than every retained backup', () => {
    expect(refused({ name: 'early' })).toMatchObject({
      code: 'target_before_window',
      message: expect.stringMatching(/restore point "early" .*before the oldest retained backup/),
    });
  });
});

describe('recovery stop', () => {
  const log = [
    '2026-11-22 14:00:01.000 UTC [1] LOG:  starting point-in-time recovery to 2026-11-22 12:30:00+00',
    '2026-11-22 14:00:02.000 UTC [1] LOG:  recovery stopping before commit of transaction 745, time 2026-11-22 12:30:00.000001+00',
    '2026-11-22 14:00:02.000 UTC [1] LOG:  last completed transaction was at log time 2026-11-22 12:29:59.9+00',
  ].join('\n');

  it('parses the stop record', () => {
    expect(parseRecoveryLog(log)).toEqual({
      stop: { kind: 'before-commit', xid: '745', at: '2026-11-22T12:30:00.000001Z' },
      lastCompletedAt: '2026-11-22T12:29:59.900000Z',
    });
    expect(
      parseRecoveryLog('LOG:  recovery stopping after WAL location (LSN) "0/3000148"').stop,
    ).toEqual({
      kind: 'after-lsn',
      lsn: '0/3000148',
    });
    expect(
      parseRecoveryLog(
        'LOG:  recovery stopping at restore point "rp 1", time 2026-11-22 12:00:00+05:30',
      ).stop,
    ).toEqual({
      kind: 'restore-point',
      name: 'rp 1',
      at: '2026-11-22T06:30:00Z',
    });
  });

  it('judges time targets inclusive and exclusive', () => {
    const parsed = parseRecoveryLog(log);
    const last = { xid: '744', at: '2026-11-22T12:29:59.900000Z' };
    expect(
      judgeRecoveryStop({ time: '2026-11-22T12:30:00Z', inclusive: true }, parsed, last).ok,
    ).toBe(true);
    expect(
      judgeRecoveryStop({ time: '2026-11-22T12:29:59.900000Z', inclusive: false }, parsed, last).ok,
    ).toBe(false);
    expect(
      judgeRecoveryStop({ time: '2026-11-22T12:30:00.000001Z', inclusive: false }, parsed, last).ok,
    ).toBe(true);
    expect(
      judgeRecoveryStop({ time: '2026-11-22T12:30:00.000001Z', inclusive: true }, parsed, last).ok,
    ).toBe(false);
  });

  it('judges lsn, xid, name and latest', () => {
    const lsnLog = parseRecoveryLog('recovery stopping after WAL location (LSN) "0/3000148"');
    expect(judgeRecoveryStop({ lsn: '0/3000148', inclusive: true }, lsnLog, null).ok).toBe(true);
    expect(judgeRecoveryStop({ lsn: '0/3000148', inclusive: false }, lsnLog, null).ok).toBe(false);
    const xidLog = parseRecoveryLog(
      'recovery stopping after commit of transaction 800, time 2026-11-22 12:00:00+00',
    );
    expect(
      judgeRecoveryStop({ xid: '800', inclusive: true }, xidLog, {
        xid: '800',
        at: '2026-11-22T12:00:00Z',
      }).ok,
    ).toBe(true);
    expect(judgeRecoveryStop({ name: 'x' }, xidLog, null).ok).toBe(false);
    expect(judgeRecoveryStop({ latest: true }, parseRecoveryLog(''), null).ok).toBe(true);
  });
});
