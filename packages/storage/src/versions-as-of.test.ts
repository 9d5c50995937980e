import { describe, expect, it } from 'vitest';
import type { ObjectVersion } from './list-object-versions';
import { versionsAsOf } from './versions-as-of';

const at = (s: string) => new Date(`2026-12-01T12:00:${s}Z`);
const v = (
  key: string,
  versionId: string,
  second: string,
  isDeleteMarker = false,
): ObjectVersion => ({
  key,
  versionId,
  lastModified: at(second),
  isDeleteMarker,
  size: 1,
});

describe('versionsAsOf', () => {
  // newest first per key, as S3 lists them; markers after versions, as the SDK splits them
  const history = [
    v('backup.info', 'b3-attacker', '30'),
    v('backup.info', 'b2', '10'),
    v('backup.info', 'b1', '05'),
    v('archive.info', 'a1', '01'),
    v('wal/1', 'w1', '08'),
    v('wal/2', 'w2', '25'),
    v('archive.info', 'a-del', '31', true),
    v('wal/1', 'w1-del', '31', true),
    v('old', 'o-del', '09', true),
    v('old', 'o1', '02'),
  ];

  it('takes per key the newest version at or before the time, skipping keys then deleted', () => {
    expect(versionsAsOf(history, at('20')).map((x) => [x.key, x.versionId])).toEqual([
      ['archive.info', 'a1'],
      ['backup.info', 'b2'],
      ['wal/1', 'w1'],
    ]);
  });

  it('includes a version written in the very second of the time (LastModified is to the second)', () => {
    expect(versionsAsOf(history, at('10')).find((x) => x.key === 'backup.info')?.versionId).toBe(
      'b2',
    );
  });

  it('gives nothing for a key deleted before the time or not yet written', () => {
    const keys = versionsAsOf(history, at('20')).map((x) => x.key);
    expect(keys).not.toContain('old');
    expect(keys).not.toContain('wal/2');
  });

  it('after the attack, the current state is what the attacker left', () => {
    expect(versionsAsOf(history, at('40')).map((x) => x.versionId)).toEqual(['b3-attacker', 'w2']);
  });

  it('orders two versions of the same second by the listing (newest first)', () => {
    const same = [v('k', 'newer', '10'), v('k', 'older', '10')];
    expect(versionsAsOf(same, at('10'))[0]?.versionId).toBe('newer');
  });

  it('prefers the version over a delete marker of the same second', () => {
    expect(versionsAsOf([v('k', 'x', '10'), v('k', 'm', '10', true)], at('10'))[0]?.versionId).toBe(
      'x',
    );
  });
});
