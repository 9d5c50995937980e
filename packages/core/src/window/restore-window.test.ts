import { describe, expect, it } from 'vitest';
import {
  computeRestoreWindows,
  locateTarget,
  type WindowBackup,
  type WindowInput,
  type WindowWalRange,
} from './restore-window';

const seg = (n: number, tl = 1) =>
  tl.toString(16).toUpperCase().padStart(8, '0') +
  Math.floor(n / 256)
    .toString(16)
    .toUpperCase()
    .padStart(8, '0') +
  (n % 256).toString(16).toUpperCase().padStart(8, '0');

const backup = (
  region: string,
  label: string,
  stoppedAt: string,
  from: number,
  to: number,
  tl = 1,
): WindowBackup => ({
  region,
  label,
  stoppedAt,
  walStart: seg(from, tl),
  walStop: seg(to, tl),
});
const wal = (
  region: string,
  from: number,
  to: number,
  lastCommitAt: string | null,
  tl = 1,
): WindowWalRange => ({
  region,
  startSegment: seg(from, tl),
  stopSegment: seg(to, tl),
  lastCommitAt,
});

const NOW = '2026-11-22T18:00:00Z';

// region-a: backup F1 (stop 10:00:05.2) → WAL 2..20 (newest commit 12:00:00.4), gap (21..24 missing),
// backup I1 (stop 13:00:00) → WAL 25..40 (newest commit 14:30:00 exactly on the second).
// region-b: one backup, contiguous WAL, newest commit 14:29:00.7.
const input: WindowInput = {
  regions: ['region-a', 'region-b'],
  backups: [
    backup('region-a', '20261122-100000F', '2026-11-22T10:00:05.2Z', 2, 3),
    backup('region-a', '20261122-100000F_20261122-110000I', '2026-11-22T11:00:00Z', 10, 10),
    backup('region-a', '20261122-100000F_20261122-130000I', '2026-11-22T13:00:00Z', 26, 26),
    backup('region-b', '20261122-100000F', '2026-11-22T10:00:06Z', 2, 3),
  ],
  walRanges: [
    wal('region-a', 2, 12, '2026-11-22T11:30:00Z'),
    wal('region-a', 13, 20, '2026-11-22T12:00:00.4Z'),
    wal('region-a', 25, 40, '2026-11-22T14:30:00Z'),
    wal('region-b', 2, 255, null),
    wal('region-b', 256, 300, '2026-11-22T14:29:00.7Z'),
  ],
};

describe('computeRestoreWindows', () => {
  const [a, b] = computeRestoreWindows(input);

  it('earliest is the second after the oldest backup stop; latest is before the newest commit', () => {
    expect(a!.earliest).toBe('2026-11-22T10:00:06Z');
    // newest commit exactly 14:30:00 → a target of 14:30:00 would see no later commit
    expect(a!.latest).toBe('2026-11-22T14:29:59Z');
    // stop exactly on 10:00:06 is still refused within that second
    expect(b!.earliest).toBe('2026-11-22T10:00:07Z');
    // across the 0/FF → 1/0 log-file boundary the WAL is contiguous
    expect(b!.latest).toBe('2026-11-22T14:29:00Z');
    expect(b!.gaps).toEqual([]);
  });

  it('splits the window at a WAL gap', () => {
    expect(a!.ranges.map((r) => [r.earliest, r.latest])).toEqual([
      ['2026-11-22T10:00:06Z', '2026-11-22T12:00:00Z'],
      ['2026-11-22T13:00:01Z', '2026-11-22T14:29:59Z'],
    ]);
    expect(a!.gaps).toEqual([{ from: '2026-11-22T12:00:00Z', to: '2026-11-22T13:00:01Z' }]);
    expect(a!.ranges[0]!.backups.map((x) => x.label)).toEqual([
      '20261122-100000F',
      '20261122-100000F_20261122-110000I',
    ]);
  });

  it('is empty without backups, without WAL commit times, or when a backup’s WAL is missing', () => {
    expect(computeRestoreWindows({ regions: ['r'], backups: [], walRanges: [] })).toEqual([
      { region: 'r', earliest: null, latest: null, ranges: [], gaps: [] },
    ]);
    const noCommit = computeRestoreWindows({
      regions: ['r'],
      backups: [backup('r', 'F', '2026-11-22T10:00:00Z', 2, 3)],
      walRanges: [wal('r', 2, 9, null)],
    });
    expect(noCommit[0]!.ranges).toEqual([]);
    const holeInBackup = computeRestoreWindows({
      regions: ['r'],
      backups: [backup('r', 'F', '2026-11-22T10:00:00Z', 2, 5)],
      walRanges: [wal('r', 2, 3, null), wal('r', 5, 9, '2026-11-22T11:00:00Z')],
    });
    expect(holeInBackup[0]!.ranges).toEqual([]);
  });

  it('a backup whose stop second equals the newest commit second serves nothing yet', () => {
    const w = computeRestoreWindows({
      regions: ['r'],
      backups: [backup('r', 'F', '2026-11-22T10:00:00.1Z', 2, 3)],
      walRanges: [wal('r', 2, 3, '2026-11-22T10:00:00.9Z')],
    });
    expect(w[0]!.ranges).toEqual([]);
  });

  it('latestCommitAt (heartbeat) extends the newest span', () => {
    const w = computeRestoreWindows({
      ...input,
      latestCommitAt: { 'region-a': '2026-11-22T15:00:00.5Z' },
    });
    expect(w[0]!.latest).toBe('2026-11-22T15:00:00Z');
    const older = computeRestoreWindows({
      ...input,
      latestCommitAt: { 'region-a': '2026-11-22T14:00:00Z' },
    });
    expect(older[0]!.latest).toBe('2026-11-22T14:29:59Z');
  });

  it('keeps timelines apart', () => {
    const w = computeRestoreWindows({
      regions: ['r'],
      backups: [backup('r', 'F2', '2026-11-22T10:00:00Z', 5, 5, 2)],
      walRanges: [wal('r', 2, 9, '2026-11-22T11:00:00Z', 1)],
    });
    expect(w[0]!.ranges).toEqual([]);
  });

  it('honours a non-default WAL segment size', () => {
    // 64 MiB segments: 64 per log file, so 0/3F is followed by 1/0
    const s = (log: number, n: number) =>
      `00000001${log.toString(16).padStart(8, '0')}${n.toString(16).padStart(8, '0')}`.toUpperCase();
    const w = computeRestoreWindows({
      regions: ['r'],
      walSegmentSize: 64 * 1024 * 1024,
      backups: [
        {
          region: 'r',
          label: 'F',
          stoppedAt: '2026-11-22T10:00:00Z',
          walStart: s(0, 2),
          walStop: s(0, 3),
        },
      ],
      walRanges: [
        { region: 'r', startSegment: s(0, 1), stopSegment: s(0, 0x3f), lastCommitAt: null },
        {
          region: 'r',
          startSegment: s(1, 0),
          stopSegment: s(1, 4),
          lastCommitAt: '2026-11-22T11:00:00Z',
        },
      ],
    });
    expect(w[0]!.latest).toBe('2026-11-22T10:59:59Z');
  });
});

describe('locateTarget', () => {
  const windows = computeRestoreWindows(input);

  it('picks region A and the newest backup at or before the target', () => {
    expect(locateTarget(windows, '2026-11-22T10:30:00Z', NOW)).toEqual({
      ok: true,
      region: 'region-a',
      backupLabel: '20261122-100000F',
      targetTime: '2026-11-22T10:30:00Z',
    });
    expect(locateTarget(windows, '2026-11-22T11:30:00+00:00', NOW)).toMatchObject({
      ok: true,
      backupLabel: '20261122-100000F_20261122-110000I',
    });
    expect(locateTarget(windows, '2026-11-22T11:00:01Z', NOW)).toMatchObject({
      ok: true,
      backupLabel: '20261122-100000F_20261122-110000I',
    });
    expect(locateTarget(windows, '2026-11-22T11:00:00.999999Z', NOW)).toMatchObject({
      ok: true,
      backupLabel: '20261122-100000F',
    });
  });

  it('includes both bounds to the second', () => {
    expect(locateTarget(windows, '2026-11-22T10:00:06Z', NOW)).toMatchObject({
      ok: true,
      region: 'region-a',
    });
    expect(locateTarget(windows, '2026-11-22T14:29:59Z', NOW)).toMatchObject({
      ok: true,
      region: 'region-a',
    });
    expect(
      locateTarget(windows, '2026-11-22T14:29:59.5Z', NOW, { region: 'region-a' }),
    ).toMatchObject({ ok: false, code: 'target_after_window' });
  });

  it('falls back to region B for what A cannot serve (A’s gap)', () => {
    expect(locateTarget(windows, '2026-11-22T12:30:00Z', NOW)).toMatchObject({
      ok: true,
      region: 'region-b',
      backupLabel: '20261122-100000F',
    });
  });

  it('explains a target inside a WAL gap with the nearest seconds', () => {
    const r = locateTarget(windows, '2026-11-22T12:30:00Z', NOW, { region: 'region-a' });
    expect(r).toEqual({
      ok: false,
      code: 'target_in_gap',
      message:
        '2026-11-22T12:30:00Z is inside a WAL gap in region-a from 2026-11-22T12:00:00Z to 2026-11-22T13:00:01Z; the nearest restorable seconds are 2026-11-22T12:00:00Z and 2026-11-22T13:00:01Z',
      nearest: { before: '2026-11-22T12:00:00Z', after: '2026-11-22T13:00:01Z' },
    });
  });

  it('refuses the backup stop second itself (before the window)', () => {
    const r = locateTarget(windows, '2026-11-22T10:00:05.9Z', NOW);
    expect(r).toMatchObject({
      ok: false,
      code: 'target_before_window',
      nearest: { after: '2026-11-22T10:00:06Z' },
    });
    if (!r.ok)
      expect(r.message).toMatch(
        /before the restorable window: the earliest restorable second is 2026-11-22T10:00:06Z/,
      );
  });

  it('after the window (not yet archived)', () => {
    const r = locateTarget(windows, '2026-11-22T17:00:00Z', NOW);
    expect(r).toMatchObject({
      ok: false,
      code: 'target_after_window',
      nearest: { before: '2026-11-22T14:29:59Z' },
    });
  });

  it('in the future', () => {
    const r = locateTarget(windows, '2026-11-22T18:00:00.000001Z', NOW);
    expect(r).toMatchObject({ ok: false, code: 'target_in_future' });
    if (!r.ok) expect(r.message).toContain('it is now 2026-11-22T18:00:00Z');
  });

  it('unknown region, no windows', () => {
    expect(
      locateTarget(windows, '2026-11-22T11:00:00Z', NOW, { region: 'region-z' }),
    ).toMatchObject({ ok: false, code: 'target_before_window' });
    const empty = computeRestoreWindows({ regions: ['region-a'], backups: [], walRanges: [] });
    const r = locateTarget(empty, '2026-11-22T11:00:00Z', NOW);
    expect(r).toMatchObject({ ok: false, code: 'target_before_window' });
    if (!r.ok) expect(r.message).toMatch(/nothing is restorable/);
  });

  it('accepts parsed targets, Dates and epoch µs', () => {
    const t = 1795356000000000n; // 2026-11-22T11:00:00Z
    expect(locateTarget(windows, { epochMicros: t }, NOW)).toMatchObject({ ok: true });
    expect(locateTarget(windows, new Date('2026-11-22T11:00:00Z'), new Date(NOW))).toMatchObject({
      ok: true,
    });
    expect(locateTarget(windows, t, NOW)).toMatchObject({ ok: true });
  });

  it('rejects a naive target string with target_naive', () => {
    expect(() => locateTarget(windows, '2026-11-22T11:00:00', NOW)).toThrow(
      expect.objectContaining({ code: 'target_naive' }),
    );
  });
});
