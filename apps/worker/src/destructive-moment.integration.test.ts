import { createActivities } from '@rewind/activities';
import type { NamedDestructiveEvent, TableDiff } from '@rewind/core';
import type { RestoreTargetSpec } from '@rewind/core';
import { extendCloneUpdate } from '@rewind/workflows/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestEnv } from '@rewind/engine/testing';
import { restoreSuite, type RestoreSuite } from './testing/restore-suite';

// Issue 16, parts 1 and 4 on one source: a DROP, a TRUNCATE and a 10,000-row DELETE are named in
// wal-events and "just before the DELETE" restores the rows; then a clone at a later commit is
// compared with the live instance after 100 known changes.
const env = loadTestEnv();
let s: RestoreSuite;
let activities: ReturnType<typeof createActivities>;
const ref = () => ({ tenantId: s.tenantId, instanceId: s.source.id });
let startedAt = '';
const xids: Record<'drop' | 'truncate' | 'delete', string> = { drop: '', truncate: '', delete: '' };

/** Runs `sql` in one transaction and answers its xid. */
async function inTransaction(sql: string): Promise<string> {
  const out = await s.onSource(`begin; ${sql}; select pg_current_xact_id()::text; commit;`);
  const xid = /^\d+$/m.exec(out)?.[0];
  if (!xid) throw new Error(`no xid in ${JSON.stringify(out)}`);
  return xid;
}

/** Restores `target` as a clone and answers what `sql` reads there, then lets the clone go. */
async function onClone<T>(
  target: RestoreTargetSpec,
  read: (clone: { run: (sql: string) => Promise<string>; restoreId: string }) => Promise<T>,
): Promise<T> {
  const r = await s.start({ target, mode: 'clone' });
  const done = await s.waitFor(r.id, (row) => row.status === 'succeeded');
  const clone = await s.instanceRow(done.resultInstanceId!);
  try {
    return await read({
      restoreId: r.id,
      run: (sql) =>
        s.engine.runSql(
          {
            socketDir: s.engine.paths(clone.id).run,
            port: clone.port!,
            database: s.source.databaseName,
          },
          sql,
          { context: 'reading the clone' },
        ),
    });
  } finally {
    await r.handle.executeUpdate(extendCloneUpdate, {
      args: [{ expiresAt: new Date().toISOString(), byUserId: s.ownerId }],
    });
    await r.handle.result();
  }
}

beforeAll(async () => {
  s = await restoreSuite(env, 'walnames');
  activities = createActivities(s.deps);
  startedAt = new Date().toISOString();
  await s.onSource(`
    create schema sales;
    create table sales.gone (id int primary key, note text);
    create table sales.emptied (id int primary key, note text);
    create table sales.ledger (id int primary key, amount int not null);
    create table sales.items (id int primary key, name text not null, qty int not null);
    insert into sales.gone select g, 'g' || g from generate_series(1, 10) g;
    insert into sales.emptied select g, 'e' || g from generate_series(1, 50) g;
    insert into sales.ledger select g, g % 97 from generate_series(1, 10000) g;
    insert into sales.items select g, 'item ' || g, g from generate_series(1, 200) g;`);
  // a sync sees the tables before the DROP: that is what names the dropped one afterwards
  await activities.syncCatalog(ref());
  xids.drop = await inTransaction('drop table sales.gone');
  xids.truncate = await inTransaction('truncate sales.emptied');
  xids.delete = await inTransaction('delete from sales.ledger');
  await s.engine.check({ instanceId: s.source.stanza }); // switches WAL; both regions hold it
  await activities.syncCatalog(ref());
}, 600_000);

afterAll(async () => {
  await s?.close();
});

describe('wal-events names the destructive moment', () => {
  let events: NamedDestructiveEvent[];

  it('lists the DROP, the TRUNCATE and the DELETE in order, with xids and names as at the event', async () => {
    events = (
      await activities.findWalEvents({ ...ref(), from: startedAt, to: new Date().toISOString() })
    ).filter((e) => Object.values(xids).includes(String(e.xid)));
    const db = s.source.databaseName;
    expect(
      events.map((e) => ({
        kind: e.kind,
        xid: String(e.xid),
        database: e.database,
        schema: e.schema,
        table: e.table,
        tables: e.tables,
        restoreTarget: e.restoreTarget,
      })),
    ).toEqual(
      [
        { kind: 'drop_table', xid: xids.drop, database: db, schema: 'sales', table: 'gone' },
        { kind: 'truncate', xid: xids.truncate, database: db, schema: 'sales', table: 'emptied' },
        { kind: 'mass_delete', xid: xids.delete, database: db, schema: 'sales', table: 'ledger' },
      ].map((e) => ({
        ...e,
        tables: [{ schema: 'sales', table: e.table }],
        restoreTarget: { xid: e.xid, inclusive: false },
      })),
    );
    expect(events[2]!.rowCount).toBe(10_000);
    // the dropped table's span was closed by the sync after the DROP: not in the live catalog
    expect(await s.onSource(`select to_regclass('sales.gone') is null`)).toBe('t');
  });

  it('kinds filters', async () => {
    const only = await activities.findWalEvents({
      ...ref(),
      from: startedAt,
      to: new Date().toISOString(),
      kinds: ['truncate'],
    });
    expect(only.map((e) => [e.kind, String(e.xid)])).toEqual([['truncate', xids.truncate]]);
  });

  it('"just before the DELETE" restores the 10,000 rows, after the DROP and the TRUNCATE', async () => {
    const target = events.find((e) => e.kind === 'mass_delete')!.restoreTarget;
    const seen = await onClone(target, async (clone) => ({
      ledger: await clone.run('select count(*) from sales.ledger'),
      gone: await clone.run(`select to_regclass('sales.gone') is null`),
      emptied: await clone.run('select count(*) from sales.emptied'),
    }));
    expect(seen).toEqual({ ledger: '10000', gone: 't', emptied: '0' });
  }, 600_000);
});

describe('the diff of a clone against its source', () => {
  it('after 100 known changes on the live instance reports exactly those 100 rows', async () => {
    const marker = await inTransaction(`insert into orders(note) values ('diff marker')`);
    await s.engine.check({ instanceId: s.source.stanza });
    await activities.syncCatalog(ref());
    const diff = await onClone({ xid: marker, inclusive: true }, async (clone) => {
      // 40 inserts, 30 updates, 30 deletes after T, on the live instance only
      await s.onSource(`
        insert into sales.items select g, 'new ' || g, 0 from generate_series(1001, 1040) g;
        update sales.items set qty = qty + 1 where id between 1 and 30;
        delete from sales.items where id between 101 and 130;`);
      expect(await clone.run('select count(*) from sales.items')).toBe('200');
      return activities.diffClone({ tenantId: s.tenantId, restoreId: clone.restoreId });
    });
    const items = diff.tables.find((t) => t.schema === 'sales' && t.table === 'items')!;
    expect(items).toMatchObject({
      status: 'compared',
      primaryKey: ['id'],
      rowCounts: { clone: 200, source: 210 },
      onlyInClone: 30,
      onlyInSource: 40,
      changed: 30,
      rowsTruncated: false,
      sample: null,
    });
    const keys = (change: string) =>
      items.rows
        .filter((r) => r.change === change)
        .map((r) => Number(r.key.id))
        .sort((a, b) => a - b);
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    expect(keys('only_in_source')).toEqual(range(1001, 1040));
    expect(keys('changed')).toEqual(range(1, 30));
    expect(keys('only_in_clone')).toEqual(range(101, 130));
    // every other table is the same on both sides: 100 rows in all
    const others = diff.tables.filter((t) => t !== items);
    expect(others.map((t: TableDiff) => `${t.schema}.${t.table}`).sort()).toEqual([
      'public.orders',
      'sales.emptied',
      'sales.ledger',
    ]);
    for (const t of others) expect(t).toMatchObject({ status: 'compared', rows: [] });
    expect(diff.tables.reduce((n, t) => n + t.rows.length, 0)).toBe(100);
  }, 600_000);
});
