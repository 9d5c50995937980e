import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { earliestTimeTarget, parseInfo } from './parse-info';

// captured from `pgbackrest info --output=json` against two SeaweedFS regions (2.45, PG 15)
const sample = readFileSync(new URL('./fixtures/info-two-repos.json', import.meta.url), 'utf8');

describe('parseInfo', () => {
  const [stanza] = parseInfo(sample);

  it('reads the stanza status', () => {
    expect(stanza).toMatchObject({
      stanza: 'smoke1',
      status: { code: 0, message: 'ok' },
      backupLockHeld: false,
      cipher: 'aes-256-cbc',
    });
  });

  it('groups backups, WAL and databases per repo', () => {
    expect(stanza!.repos.map((r) => r.repo)).toEqual([1, 2]);
    const [r1, r2] = stanza!.repos;
    expect(r1!.backups).toEqual([
      {
        label: '20261122-033331F',
        type: 'full',
        repo: 1,
        dbId: 1,
        startEpoch: 1795318411,
        stopEpoch: 1795318414,
        startTime: '2026-11-22T03:33:31.000Z',
        stopTime: '2026-11-22T03:33:34.000Z',
        startLsn: '0/2000028',
        stopLsn: '0/3000358',
        walStart: '000000010000000000000002',
        walStop: '000000010000000000000003',
        sizeBytes: 30792115,
        deltaBytes: 30792115,
        repoSizeBytes: 6097776,
        repoDeltaBytes: 6097776,
        prior: null,
        error: false,
      },
    ]);
    expect(r2!.backups.map((b) => b.label)).toEqual(['20261122-033335F']);
    expect(r2!.archives).toEqual([
      {
        repo: 2,
        archiveId: '15-1',
        dbId: 1,
        walMin: '000000010000000000000001',
        walMax: '000000010000000000000005',
      },
    ]);
    expect(r1!.status).toEqual({ code: 0, message: 'ok' });
  });

  it('keeps the 64-bit system id exact', () => {
    expect(stanza!.repos[0]!.databases).toEqual([
      { dbId: 1, systemId: '7710833846306882769', version: '15' },
    ]);
  });

  it('handles a stanza without backups (fresh stanza-create)', () => {
    const fresh = JSON.stringify([
      {
        name: 's',
        status: { code: 2, message: 'no valid backups' },
        repo: [{ key: 1, cipher: 'aes-256-cbc', status: { code: 2, message: 'no valid backups' } }],
        archive: [],
        backup: [],
        db: [],
        cipher: 'aes-256-cbc',
      },
    ]);
    expect(parseInfo(fresh)[0]!.repos).toEqual([
      {
        repo: 1,
        status: { code: 2, message: 'no valid backups' },
        cipher: 'aes-256-cbc',
        backups: [],
        archives: [],
        databases: [],
      },
    ]);
  });

  it('explains bad input', () => {
    expect(() => parseInfo('not json')).toThrow(/invalid JSON/);
    expect(() => parseInfo('[{"name": 1}]')).toThrow(/unexpected shape/);
  });
});

describe('earliestTimeTarget', () => {
  it('is the second after the backup stopped', () => {
    expect(earliestTimeTarget({ stopEpoch: 1795318414 })).toBe('2026-11-22T03:33:35.000Z');
  });
});
