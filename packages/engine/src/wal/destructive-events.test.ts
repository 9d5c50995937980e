import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyDestructiveEvents, DestructiveEventCollector } from './destructive-events';
import { parseWaldumpOutput } from './parse-waldump';

const records = (name: string) =>
  parseWaldumpOutput(readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8'));
const classify = (name: string, threshold?: number) =>
  classifyDestructiveEvents(records(name), { massRowThreshold: threshold });
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('destructive events from real pg_waldump output', () => {
  it('mass DELETE of 5000 rows, attributed at the commit', () => {
    const [e, ...rest] = classify('mass-delete');
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      kind: 'mass_delete',
      xid: 776,
      lsn: '0/1EA3CD0',
      rowCount: 5000,
      relations: ['1663/5/16384'],
      confidence: 'exact',
    });
    expect(e?.committedAt).toMatch(ISO_MICROS);
  });

  it('mass UPDATE of 2000 rows (UPDATE, UPDATE+INIT and HOT_UPDATE)', () => {
    expect(classify('mass-update')).toEqual([
      expect.objectContaining({
        kind: 'mass_update',
        xid: 778,
        lsn: '0/1F2E560',
        rowCount: 2000,
        relations: ['1663/5/16384'],
      }),
    ]);
  });

  it('respects the threshold', () => {
    expect(classify('mass-delete', 5001)).toEqual([]);
    expect(classify('mass-delete', 5000)).toHaveLength(1);
    expect(classify('mass-update', 2001)).toEqual([]);
  });

  it('counts rows deleted in a subtransaction towards the top-level commit', () => {
    expect(classify('subxact-delete')).toEqual([
      expect.objectContaining({ kind: 'mass_delete', xid: 788, rowCount: 1500 }),
    ]);
  });

  it('TRUNCATE at wal_level=replica (inferred from the replaced, empty file)', () => {
    expect(classify('truncate')).toEqual([
      expect.objectContaining({
        kind: 'truncate',
        xid: 780,
        lsn: '0/1F32820',
        relations: ['base/5/16391'],
        confidence: 'inferred',
      }),
    ]);
  });

  it('TRUNCATE at wal_level=logical (named by the Heap TRUNCATE record)', () => {
    expect(classify('truncate-logical')).toEqual([
      expect.objectContaining({
        kind: 'truncate',
        xid: 774,
        relations: ['base/5/16394', 'base/5/16391'],
        relationOids: [16391, 16394],
        confidence: 'exact',
      }),
    ]);
  });

  it('DROP TABLE', () => {
    expect(classify('drop-table')).toEqual([
      expect.objectContaining({
        kind: 'drop_table',
        xid: 782,
        lsn: '0/1F38070',
        relations: ['base/5/16394'],
        relationOids: [16394],
      }),
    ]);
  });

  it('DROP DATABASE', () => {
    expect(classify('drop-database')).toEqual([
      expect.objectContaining({
        kind: 'drop_database',
        xid: 784,
        lsn: '0/1F386C8',
        dbOid: 16407,
        relations: ['1663/16407'],
      }),
    ]);
  });

  it('reports nothing for a plain commit, an abort, VACUUM FULL or REINDEX', () => {
    for (const name of ['commit', 'abort', 'vacuum-full', 'reindex'])
      expect(classify(name), name).toEqual([]);
  });

  it('reports nothing for a mass DELETE that rolled back', () => {
    const rs = records('mass-delete').map((r) =>
      r.recordType === 'COMMIT'
        ? { ...r, recordType: 'ABORT', desc: r.desc.replace(/^COMMIT/, 'ABORT') }
        : r,
    );
    expect(classifyDestructiveEvents(rs)).toEqual([]);
  });

  it('sorts events from several transactions by commit LSN and tracks the newest commit and end', () => {
    const c = new DestructiveEventCollector();
    for (const name of [
      'commit',
      'mass-delete',
      'mass-update',
      'truncate',
      'drop-table',
      'drop-database',
      'abort',
    ]) {
      for (const r of records(name)) c.add(r);
    }
    expect(c.events().map((e) => e.kind)).toEqual([
      'mass_delete',
      'mass_update',
      'truncate',
      'drop_table',
      'drop_database',
    ]);
    expect(c.lastCommit()).toMatchObject({ kind: 'commit', xid: 784 });
    expect(c.lastTransactionEnd()).toMatchObject({ kind: 'abort', xid: 786 });
    expect(c.openTransactionCount()).toBe(0);
  });

  it('skips catalog rows unless asked', () => {
    // DROP TABLE deletes a handful of catalog rows; with every relation counted and a tiny threshold they show.
    expect(
      classifyDestructiveEvents(records('drop-table'), { massRowThreshold: 5 }).map((e) => e.kind),
    ).toEqual(['drop_table']);
    expect(
      classifyDestructiveEvents(records('drop-table'), {
        massRowThreshold: 5,
        minUserRelNumber: 0,
      }).map((e) => e.kind),
    ).toEqual(['drop_table', 'mass_delete']);
  });
});
