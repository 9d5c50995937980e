import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseRestorePoint,
  heapRowChange,
  parseDatabaseDrop,
  parseHeapTruncate,
  parseStorageCreate,
  parseTransactionEnd,
  parseWaldumpLine,
  parseWaldumpOutput,
  parseWaldumpTimestamp,
  relPathToLocator,
  type WalRecord,
} from './parse-waldump';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8');
const records = (name: string) => parseWaldumpOutput(fixture(name));
function only(rs: WalRecord[], pred: (r: WalRecord) => boolean): WalRecord {
  const found = rs.filter(pred);
  expect(found).toHaveLength(1);
  return found[0] as WalRecord;
}

describe('parseWaldumpLine', () => {
  it('parses the record header and block references', () => {
    const r = parseWaldumpLine(
      'rmgr: Heap        len (rec/tot):     59/  8219, tx:        774, lsn: 0/01E2CBD0, prev 0/01E2CB80, desc: DELETE off 1 flags 0x01 KEYS_UPDATED , blkref #0: rel 1663/5/16384 blk 0 FPW',
    );
    expect(r).toEqual({
      rmgr: 'Heap',
      recordLength: 59,
      totalLength: 8219,
      xid: 774,
      lsn: '0/1E2CBD0',
      prevLsn: '0/1E2CB80',
      desc: 'DELETE off 1 flags 0x01 KEYS_UPDATED , blkref #0: rel 1663/5/16384 blk 0 FPW',
      recordType: 'DELETE',
      blockRefs: [{ relation: '1663/5/16384', fork: 'main', block: 0, fullPageImage: true }],
    });
  });

  it('reads non-main forks', () => {
    const r = parseWaldumpLine(
      'rmgr: XLOG        len (rec/tot):     49/  8241, tx:        775, lsn: 0/01EAF5D8, prev 0/01EAF5A0, desc: FPI_FOR_HINT , blkref #0: rel 1663/5/16384 fork fsm blk 2 FPW',
    );
    expect(r?.blockRefs).toEqual([
      { relation: '1663/5/16384', fork: 'fsm', block: 2, fullPageImage: true },
    ]);
  });

  it('ignores lines that are not records', () => {
    expect(
      parseWaldumpLine(
        'pg_waldump: first record is after 0/01000028, at 0/01000060, skipping over 56 bytes',
      ),
    ).toBeNull();
    expect(parseWaldumpLine('')).toBeNull();
  });

  it('parses every line of every fixture', () => {
    for (const name of [
      'commit',
      'abort',
      'mass-delete',
      'mass-update',
      'truncate',
      'truncate-logical',
      'drop-table',
      'drop-database',
      'subxact-delete',
      'vacuum-full',
      'reindex',
    ]) {
      const lines = fixture(name).split('\n').filter(Boolean);
      expect(parseWaldumpOutput(fixture(name)), name).toHaveLength(lines.length);
    }
  });
});

describe('timestamps', () => {
  it('keeps microseconds and requires UTC', () => {
    expect(parseWaldumpTimestamp('2026-11-22 03:07:53.403640 UTC')).toBe(
      '2026-11-22T03:07:53.403640Z',
    );
    expect(() => parseWaldumpTimestamp('2026-11-21 22:21:17.923760 EST')).toThrow(/TZ=UTC/);
  });
});

describe('transaction ends', () => {
  it('reads a plain COMMIT', () => {
    const c = parseTransactionEnd(only(records('commit'), (r) => r.rmgr === 'Transaction'));
    expect(c).toMatchObject({
      kind: 'commit',
      xid: 774,
      lsn: '0/1E2F300',
      prepared: false,
      droppedRelFiles: [],
      subxacts: [],
    });
    expect(c?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });

  it('reads an ABORT', () => {
    const a = parseTransactionEnd(only(records('abort'), (r) => r.rmgr === 'Transaction'));
    expect(a).toMatchObject({ kind: 'abort', xid: 786, lsn: '0/1F3D0E0' });
  });

  it('reads rels and dropped stats of DROP TABLE', () => {
    const c = parseTransactionEnd(only(records('drop-table'), (r) => r.recordType === 'COMMIT'));
    expect(c?.droppedRelFiles).toEqual(['base/5/16394']);
    expect(c?.droppedStats).toEqual([{ kind: 2, dbOid: 5, objOid: 16394 }]);
  });

  it('reads subxacts', () => {
    const c = parseTransactionEnd(
      only(records('subxact-delete'), (r) => r.recordType === 'COMMIT'),
    );
    expect(c).toMatchObject({ xid: 788, subxacts: [789] });
  });

  it('reads COMMIT_PREPARED with the prepared xid', () => {
    const line =
      'rmgr: Transaction len (rec/tot):     46/    46, tx:          0, lsn: 0/03000128, prev 0/030000F0, desc: COMMIT_PREPARED 740: 2026-11-22 03:19:36.345711 UTC; rels: base/5/16384';
    expect(parseTransactionEnd(parseWaldumpLine(line) as WalRecord)).toMatchObject({
      kind: 'commit',
      xid: 740,
      prepared: true,
      at: '2026-11-22T03:19:36.345711Z',
      droppedRelFiles: ['base/5/16384'],
    });
  });

  it('ignores other Transaction records', () => {
    const inval = records('truncate-logical').find((r) => r.recordType === 'INVALIDATION');
    expect(inval).toBeDefined();
    expect(parseTransactionEnd(inval as WalRecord)).toBeNull();
  });
});

describe('storage, database and heap records', () => {
  it('reads Storage CREATE', () => {
    expect(parseStorageCreate(only(records('truncate'), (r) => r.rmgr === 'Storage'))).toBe(
      'base/5/16417',
    );
  });

  it('reads Database DROP', () => {
    expect(parseDatabaseDrop(only(records('drop-database'), (r) => r.rmgr === 'Database'))).toEqual(
      { dbOid: 16407, dirs: ['1663/16407'] },
    );
  });

  it('reads Heap TRUNCATE (wal_level=logical)', () => {
    expect(
      parseHeapTruncate(
        only(records('truncate-logical'), (r) => r.rmgr === 'Heap' && r.recordType === 'TRUNCATE'),
      ),
    ).toEqual({
      relationOids: [16391, 16394],
      cascade: false,
      restartSeqs: false,
    });
  });

  it('counts one heap row change per DELETE/UPDATE record', () => {
    const count = (name: string, kind: 'delete' | 'update') =>
      records(name).filter((r) => heapRowChange(r) === kind).length;
    expect(count('mass-delete', 'delete')).toBe(5000);
    expect(count('mass-update', 'update')).toBe(2000);
  });

  it('maps relation paths to block-reference form', () => {
    expect(relPathToLocator('base/5/16384')).toBe('1663/5/16384');
    expect(relPathToLocator('global/1262')).toBe('1664/0/1262');
    expect(relPathToLocator('pg_tblspc/16385/PG_15_202209061/5/16384')).toBe('16385/5/16384');
    expect(relPathToLocator('base/5/t3_16384')).toBeNull();
  });
});

describe('parseRestorePoint', () => {
  it('reads the name of a RESTORE_POINT record and nothing else', () => {
    const rp = parseWaldumpLine(
      'rmgr: XLOG        len (rec/tot):     98/    98, tx:          0, lsn: 0/03000090, prev 0/03000028, desc: RESTORE_POINT before drop; $(x)',
    )!;
    expect(parseRestorePoint(rp)).toEqual({ name: 'before drop; $(x)', lsn: '0/3000090' });
    const other = parseWaldumpLine(
      'rmgr: XLOG        len (rec/tot):     24/    24, tx:          0, lsn: 0/030000F8, prev 0/03000090, desc: SWITCH ',
    )!;
    expect(parseRestorePoint(other)).toBeNull();
  });
});
