import { describe, expect, it } from 'vitest';
import type { DestructiveEvent } from './destructive-event';
import {
  nameDestructiveEvent,
  needsCatalogLookup,
  relationFile,
  spansFromRestoredCatalog,
  type RelationNameSpan,
} from './relation-names';

const span = (over: Partial<RelationNameSpan>): RelationNameSpan => ({
  dbOid: 16384,
  databaseName: 'app',
  relOid: 16390,
  relfilenode: 16390,
  relkind: 'r',
  schemaName: 'public',
  tableName: 'orders',
  tablespaceOid: 1663,
  seenFrom: '2026-11-22T14:00:00Z',
  seenUntil: null,
  ...over,
});
const db = span({ relOid: 0, relfilenode: 0, relkind: '', schemaName: null, tableName: null });
const event = (over: Partial<DestructiveEvent>): DestructiveEvent => ({
  kind: 'drop_table',
  xid: 760,
  lsn: '0/3000100',
  committedAt: '2026-11-22T14:05:00.123456Z',
  confidence: 'exact',
  ...over,
});

describe('relationFile', () => {
  it('reads commit paths, block references and tablespace paths', () => {
    expect(relationFile('base/5/16384')).toEqual({ dbOid: 5, relfilenode: 16384 });
    expect(relationFile('1663/5/16384')).toEqual({ dbOid: 5, relfilenode: 16384 });
    expect(relationFile('pg_tblspc/16500/PG_15_202209061/5/16384')).toEqual({
      dbOid: 5,
      relfilenode: 16384,
    });
    expect(relationFile('1663/5')).toBeNull();
  });
});

describe('nameDestructiveEvent', () => {
  it('names a dropped table from the span its DROP closed, indexes and TOAST as the table once', () => {
    const spans = [
      db,
      span({ seenUntil: '2026-11-22T14:05:10Z' }),
      span({ relOid: 16393, relfilenode: 16393, relkind: 'i', seenUntil: '2026-11-22T14:05:10Z' }),
      span({
        relOid: 16390,
        relfilenode: 16390,
        tableName: 'later',
        seenFrom: '2026-11-22T15:00:00Z',
      }),
    ];
    const named = nameDestructiveEvent(
      event({ relations: ['base/16384/16390', 'base/16384/16393'], relationOids: [16390, 16393] }),
      spans,
    );
    expect(named).toMatchObject({
      database: 'app',
      schema: 'public',
      table: 'orders',
      tables: [{ schema: 'public', table: 'orders' }],
      restoreTarget: { xid: '760', inclusive: false },
    });
  });

  it('a table renamed between syncs is named as it was at the event', () => {
    const spans = [
      span({ tableName: 'old_name', seenUntil: '2026-11-22T14:10:00Z' }),
      span({ tableName: 'new_name', seenFrom: '2026-11-22T14:10:00Z' }),
    ];
    const at = (committedAt: string) =>
      nameDestructiveEvent(
        event({
          kind: 'mass_delete',
          relations: ['1663/16384/16390'],
          rowCount: 5000,
          committedAt,
        }),
        spans,
      ).table;
    expect(at('2026-11-22T14:05:00Z')).toBe('old_name');
    expect(at('2026-11-22T14:15:00Z')).toBe('new_name');
    // made and changed before any sync saw it: the first sync after names it
    expect(at('2026-11-22T13:00:00Z')).toBe('old_name');
  });

  it('names a dropped database by its OID; an unseen relation stays null', () => {
    expect(
      nameDestructiveEvent(
        event({ kind: 'drop_database', dbOid: 16384, relations: ['1663/16384'] }),
        [db],
      ),
    ).toMatchObject({ database: 'app', schema: null, table: null, tables: [] });
    expect(
      nameDestructiveEvent(event({ relations: ['base/99/16390'], relationOids: [16390] }), [db]),
    ).toMatchObject({ database: null, table: null, tables: [] });
  });
});

describe('a relation no sync saw, named from a restored copy', () => {
  // made and dropped between the syncs of 14:00 and 14:10: only the database row was recorded
  const drop = event({ relations: ['base/16384/16500'], relationOids: [16500] });
  const flash = span({ relOid: 16500, relfilenode: 16500, tableName: 'flash' });

  it('needs a catalog lookup while unnamed, not once named; a DROP DATABASE only lacks its database', () => {
    expect(needsCatalogLookup(nameDestructiveEvent(drop, [db]))).toBe(true);
    expect(needsCatalogLookup(nameDestructiveEvent(drop, [db, flash]))).toBe(false);
    expect(
      needsCatalogLookup(
        nameDestructiveEvent(event({ kind: 'drop_database', dbOid: 16384 }), [db]),
      ),
    ).toBe(false);
    expect(
      needsCatalogLookup(nameDestructiveEvent(event({ kind: 'drop_database', dbOid: 7 }), [db])),
    ).toBe(true);
  });

  it('records only what no span has, at the event, and the event is then named', () => {
    const { seenFrom: _f, seenUntil: _u, ...known } = db;
    const { seenFrom: _f2, seenUntil: _u2, ...seen } = flash;
    const added = spansFromRestoredCatalog([known, seen], [db], drop.committedAt);
    expect(added).toEqual([{ ...seen, seenFrom: drop.committedAt, seenUntil: drop.committedAt }]);
    expect(nameDestructiveEvent(drop, [db, ...added])).toMatchObject({
      database: 'app',
      schema: 'public',
      table: 'flash',
    });
  });
});
