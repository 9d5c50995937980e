import { describe, expect, it } from 'vitest';
import { buildRestoreArgs, formatTargetTime } from './restore-args';

describe('formatTargetTime', () => {
  it('turns RFC 3339 into the form pgBackRest can select a backup set with', () => {
    expect(formatTargetTime('2026-11-22T03:33:35Z')).toBe('2026-11-22 03:33:35+00');
    expect(formatTargetTime('2026-11-22T03:33:35.123456789+02:00')).toBe(
      '2026-11-22 03:33:35.123456+02:00',
    );
    expect(formatTargetTime('2026-11-22 03:33:35.5-0500')).toBe('2026-11-22 03:33:35.5-0500');
  });
  it('requires an offset', () => {
    expect(() => formatTargetTime('2026-11-22T03:33:35')).toThrow(/offset/);
    expect(() => formatTargetTime('yesterday')).toThrow();
  });
});

describe('buildRestoreArgs', () => {
  const base = { targetDir: '/x/pgdata', repo: 2 as const };

  it('time target, inclusive by default, promotes and never archives', () => {
    expect(
      buildRestoreArgs({ ...base, target: { type: 'time', targetTime: '2026-01-01T00:00:01Z' } }),
    ).toEqual([
      '--pg1-path=/x/pgdata',
      '--repo=2',
      '--archive-mode=off',
      '--type=time',
      '--target=2026-01-01 00:00:01+00',
      '--target-action=promote',
    ]);
  });

  it('exclusive lsn / xid, named restore point, immediate, explicit set', () => {
    expect(
      buildRestoreArgs({
        ...base,
        target: { type: 'lsn', targetLsn: '0/3000358', inclusive: false },
      }),
    ).toContain('--target-exclusive');
    expect(buildRestoreArgs({ ...base, target: { type: 'xid', targetXid: '745' } })).toEqual(
      expect.arrayContaining(['--type=xid', '--target=745']),
    );
    expect(
      buildRestoreArgs({ ...base, target: { type: 'name', targetName: 'before-migration' } }),
    ).toEqual(expect.arrayContaining(['--type=name', '--target=before-migration']));
    const immediate = buildRestoreArgs({
      ...base,
      target: { type: 'immediate' },
      set: '20261122-033331F',
    });
    expect(immediate).toEqual(
      expect.arrayContaining(['--type=immediate', '--set=20261122-033331F']),
    );
    expect(immediate.some((a) => a.startsWith('--target='))).toBe(false);
  });

  it('validates target values', () => {
    expect(() => buildRestoreArgs({ ...base, target: { type: 'lsn', targetLsn: 'zz' } })).toThrow(
      /LSN/,
    );
    expect(() =>
      buildRestoreArgs({ ...base, target: { type: 'xid', targetXid: '1; rm' } }),
    ).toThrow(/xid/);
  });

  it('reads a recovered repository from its own prefix, and refuses a path that is not plain', () => {
    const args = buildRestoreArgs({
      ...base,
      repoPath: '/recovered/r1',
      target: { type: 'immediate' },
    });
    expect(args).toContain('--repo2-path=/recovered/r1');
    expect(() =>
      buildRestoreArgs({ ...base, repoPath: '/x y', target: { type: 'immediate' } }),
    ).toThrow(/repository path/);
    expect(() =>
      buildRestoreArgs({ ...base, repoPath: '../stanzas', target: { type: 'immediate' } }),
    ).toThrow(/repository path/);
  });
});
