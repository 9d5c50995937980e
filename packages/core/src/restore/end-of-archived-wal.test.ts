import { describe, expect, it } from 'vitest';
import { computeRestoreWindows, type WindowInput } from '../window/restore-window';
import { planRestore } from './plan-restore';
import { judgeRecoveryStop, parseRecoveryLog } from './recovery-stop';

/**
 * A quiet database: backup F (stop 10:00:00, WAL 2..3), one commit at 10:00:30 in segment 4,
 * archived through segment 4; catalog sync found all WAL archived at 10:05:00.
 */
const seg = (n: number, tl = 1) =>
  `${tl.toString(16).toUpperCase().padStart(8, '0')}00000000${n.toString(16).toUpperCase().padStart(8, '0')}`;
const COMMIT = { at: '2026-11-22T10:00:30.250000Z', lsn: '0/4000120', xid: '745' };
const base: WindowInput = {
  regions: ['region-a', 'region-b'],
  backups: [
    {
      region: 'region-a',
      label: 'F',
      stoppedAt: '2026-11-22T10:00:00Z',
      walStart: seg(2),
      walStop: seg(3),
    },
    {
      region: 'region-b',
      label: 'F',
      stoppedAt: '2026-11-22T10:00:00Z',
      walStart: seg(2),
      walStop: seg(3),
    },
  ],
  walRanges: [
    { region: 'region-a', startSegment: seg(2), stopSegment: seg(4), lastCommitAt: COMMIT.at },
    { region: 'region-b', startSegment: seg(2), stopSegment: seg(4), lastCommitAt: COMMIT.at },
  ],
};
const quiet = (segment = seg(4)) => ({
  ...base,
  archivedThrough: { 'region-a': { at: '2026-11-22T10:05:00.9Z', segment } },
});
const plan = (windows: WindowInput, time: string, inclusive = true, endLsn = '0/3000100') =>
  planRestore({
    target: { time, inclusive },
    windows: computeRestoreWindows(windows),
    backups: [
      { region: 'region-a', label: 'F', endLsn },
      { region: 'region-b', label: 'F', endLsn },
    ],
    latestCommit: { 'region-a': COMMIT, 'region-b': COMMIT },
    now: '2026-11-22T10:06:00Z',
    timeZone: 'UTC',
  });

describe('quiet database coverage in the window', () => {
  it('extends the region whose WAL was all archived to the second it was checked; the other stays at its commit', () => {
    const [a, b] = computeRestoreWindows(quiet());
    expect(a).toMatchObject({
      latest: '2026-11-22T10:05:00Z',
      archivedThrough: '2026-11-22T10:05:00.900000Z',
    });
    expect(b!.latest).toBe('2026-11-22T10:00:30Z');
    expect(b!.archivedThrough).toBeUndefined();
  });

  it('counts only when the covered segment is in the newest span: a gap or another timeline since ends it', () => {
    expect(computeRestoreWindows(quiet(seg(9)))[0]!.latest).toBe('2026-11-22T10:00:30Z');
    expect(computeRestoreWindows(quiet(seg(4, 2)))[0]!.latest).toBe('2026-11-22T10:00:30Z');
  });

  it('makes a window with no commit since the backup', () => {
    const noCommit: WindowInput = {
      ...quiet(),
      walRanges: base.walRanges.map((r) => ({ ...r, lastCommitAt: null })),
    };
    expect(computeRestoreWindows(noCommit)[0]).toMatchObject({
      earliest: '2026-11-22T10:00:01Z',
      latest: '2026-11-22T10:05:00Z',
    });
  });
});

describe('planning a target inside the coverage', () => {
  it('before the newest commit: an ordinary time recovery', () => {
    const p = plan(quiet(), '2026-11-22T10:00:29.5Z');
    expect(p.candidates).toEqual([
      { region: 'region-a', backupLabel: 'F' },
      { region: 'region-b', backupLabel: 'F' },
    ]);
  });

  it('after it: region A serves it as the end of archived WAL (just after the commit), region B cannot; the pre-flight says so', () => {
    const p = plan(quiet(), '2026-11-22T10:04:00Z');
    expect(p.candidates).toEqual([
      {
        region: 'region-a',
        backupLabel: 'F',
        endOfArchivedWal: { archivedThrough: '2026-11-22T10:05:00.900000Z', lastCommit: COMMIT },
      },
    ]);
    expect(p.notes.join(' ')).toMatch(
      /served as the state at the end of archived WAL.*transaction 745/,
    );
  });

  it('exactly at the commit: inclusive is the end of WAL, exclusive stops before that commit as a time', () => {
    expect(plan(quiet(), COMMIT.at, true).candidates[0]!.endOfArchivedWal).toBeDefined();
    expect(plan(quiet(), COMMIT.at, false).candidates[0]!.endOfArchivedWal).toBeUndefined();
  });

  it('a commit inside the backup: recovery stops where the backup is consistent', () => {
    const p = plan(quiet(), '2026-11-22T10:04:00Z', true, '0/4000200');
    expect(p.candidates[0]!.endOfArchivedWal!.lastCommit).toBeNull();
  });

  it('after the coverage: refused with the window end', () => {
    expect(() => plan(quiet(), '2026-11-22T10:05:01Z')).toThrow(
      /latest restorable second is 2026-11-22T10:05:00Z/,
    );
  });
});

describe('judging a restore served as the end of archived WAL', () => {
  const served = { archivedThrough: '2026-11-22T10:05:00.900000Z', lastCommit: COMMIT };
  const target = { time: '2026-11-22T10:04:00Z', inclusive: true };
  const log = (line: string) => parseRecoveryLog(`2026-11-22 10:07:00 UTC LOG:  ${line}\n`);

  it('ok when recovery stopped just after that commit and it is the last applied', () => {
    const r = judgeRecoveryStop(
      target,
      log('recovery stopping after WAL location (LSN) "0/4000120"'),
      { xid: '745', at: COMMIT.at },
      served,
    );
    expect(r.ok).toBe(true);
    expect(r.detail).toMatch(
      /^served as the state at the end of archived WAL: .*recovery stopped after WAL location 0\/4000120; the last applied commit is transaction 745/,
    );
  });

  it('fails when another commit was applied or recovery stopped elsewhere', () => {
    expect(
      judgeRecoveryStop(
        target,
        log('recovery stopping after WAL location (LSN) "0/4000120"'),
        { xid: '746', at: COMMIT.at },
        served,
      ).ok,
    ).toBe(false);
    expect(
      judgeRecoveryStop(
        target,
        log('recovery stopping after WAL location (LSN) "0/4000200"'),
        { xid: '745', at: COMMIT.at },
        served,
      ).ok,
    ).toBe(false);
    expect(
      judgeRecoveryStop(target, parseRecoveryLog(''), { xid: '745', at: COMMIT.at }, served).ok,
    ).toBe(false);
  });

  it('no commit since the backup: ok when recovery stopped on reaching consistency', () => {
    const none = { ...served, lastCommit: null };
    expect(
      judgeRecoveryStop(target, log('recovery stopping after reaching consistency'), null, none),
    ).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/after reaching consistency; no commit was applied/),
    });
    expect(
      judgeRecoveryStop(
        target,
        log('recovery stopping after WAL location (LSN) "0/4000120"'),
        null,
        none,
      ).ok,
    ).toBe(false);
  });
});
