import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import {
  connectTo,
  createRestorableInstanceWithToken,
  deleteInstance,
  tokenApi,
  until,
  type Connection,
  type RestorableInstance,
} from '@rewind/playwright';
import type { RestoreView } from '../lib/api-types';
import { call, type CallResult } from './api-call';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Issue 16 part 3, the replace mode on the real stack: `orders` (r1..r5 at T) has a foreign key
 * from `order_lines` and a dependent view `order_notes`; it changes after T, then is replaced by
 * its rows as of T in one transaction while a writer keeps committing to another table.
 */
let f: StackFixtures;
let t: ScratchTenant;
let source: RestorableInstance;
let owner: Connection;
let T: string;

const api = (method: string, path: string, token: string, body?: unknown) =>
  call(f.baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });
const errorOf = (r: CallResult) =>
  (r.body as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;
const tableRestores = () => `/api/v1/instances/${source.id}/table-restores`;

async function restoreView(id: string): Promise<RestoreView> {
  return (await api('GET', `/api/v1/restores/${id}`, t.people.owner.token)).body as RestoreView;
}

async function actions(): Promise<string[]> {
  const res = await api('GET', '/api/v1/audit?limit=500', t.people.owner.token);
  return (res.body as { events: Array<{ action: string }> }).events.map((e) => e.action);
}

async function onLive<T>(
  read: (db: Awaited<ReturnType<typeof connectTo>>) => Promise<T>,
): Promise<T> {
  const db = await connectTo(owner);
  try {
    return await read(db);
  } finally {
    await db.end();
  }
}

/** orders as the live instance holds it now, by id */
const liveOrders = () =>
  onLive(
    async (db) =>
      (await db.query<{ id: number; note: string }>('select id, note from orders order by id'))
        .rows,
  );

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'tablereplace');
  // business archives WAL every 15 s: the window reaches the rows soonest
  await f.platform.pool.query(`update tenants set plan_id = 'business' where id = $1`, [t.id]);
  source = await createRestorableInstanceWithToken(t.people.owner.token, t.slug);
  T = source.rowsCommittedAt;
  const secret = await tokenApi(t.people.owner.token)<Connection>(
    'POST',
    `/api/v1/instances/${source.id}/password`,
  );
  owner = secret.body;
  await onLive(async (db) => {
    // dependents of orders, made after T: the live instance's, which the swap must keep
    await db.query(`create table order_lines (
      id int primary key, order_id int not null references orders(id), qty int not null)`);
    await db.query('insert into order_lines values (1, 2, 10), (2, 3, 20)');
    await db.query('create view order_notes as select id, upper(note) as loud from orders');
    await db.query('create table ledger (id bigserial primary key, at timestamptz default now())');
    // orders changes after T: one row gone, one changed, one more (beside the fixture's 'tail')
    await db.query(`delete from orders where note = 'r1'`);
    await db.query(`update orders set note = 'r4 changed' where note = 'r4'`);
    await db.query(`insert into orders(note) values ('r6')`);
  });
}, 600_000);

afterAll(async () => {
  try {
    if (source) await deleteInstance(source.api, source.id);
  } finally {
    await f?.close();
  }
}, 240_000);

describe('table restore: replace orders as of T', () => {
  it('lists the foreign key and the view, and refuses a wrong typed confirmation without changing anything', async () => {
    const before = await liveOrders();
    const auditBefore = (await actions()).filter((a) => a.startsWith('table_restore.')).length;
    const body = { target: { time: T }, tables: ['orders'], into: 'replace' };
    const none = await api('POST', tableRestores(), t.people.owner.token, body);
    expect(none.status).toBe(400);
    const details = errorOf(none).details as {
      confirm: string;
      foreignKeys: string[];
      views: string[];
    };
    expect(details.confirm).toBe('replace public.orders');
    expect(details.foreignKeys.join(' ')).toMatch(/order_lines/);
    expect(details.views.join(' ')).toMatch(/order_notes/);
    for (const confirm of ['replace orders', 'REPLACE public.orders', 'replace public.orders ']) {
      const wrong = await api('POST', tableRestores(), t.people.owner.token, { ...body, confirm });
      expect(wrong.status, confirm).toBe(400);
      expect(errorOf(wrong).message).toMatch(/confirm: "replace public.orders"/);
    }
    expect(await liveOrders()).toEqual(before);
    expect((await actions()).filter((a) => a.startsWith('table_restore.')).length).toBe(
      auditBefore,
    );
  });

  it('swaps in T’s rows in one transaction: the FK and the view still work, a concurrent writer loses nothing, the clone goes', async () => {
    const atT = await liveOrders().then((rows) => rows.length);
    expect(atT).toBeGreaterThan(0);
    const writer = await connectTo(owner);
    let committed = 0;
    const errors: string[] = [];
    let stop = false;
    const writing = (async () => {
      while (!stop) {
        try {
          await writer.query('insert into ledger default values');
          committed += 1;
        } catch (err) {
          errors.push(String(err));
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    let view: RestoreView;
    try {
      const res = await api('POST', tableRestores(), t.people.owner.token, {
        target: { time: T },
        tables: ['orders'],
        into: 'replace',
        confirm: 'replace public.orders',
      });
      expect(res.status, res.text).toBe(202);
      const id = (res.body as { id: string }).id;
      view = await until('the replace table restore', 500_000, async () => {
        const v = await restoreView(id);
        const state = v.tableRestore?.state;
        if (state === 'failed') throw new Error(`table restore failed: ${v.tableRestore?.error}`);
        if (['failed', 'cancelled', 'rejected', 'expired'].includes(v.status))
          throw new Error(`restore ${v.status}: ${v.error}`);
        return state === 'copied' ? v : undefined;
      });
    } finally {
      stop = true;
      await writing;
    }
    expect(view.tableRestore!.outcome!.tables).toEqual([{ name: 'public.orders', rows: 5 }]);

    // exactly T's rows, ids and all
    expect(await liveOrders()).toEqual(
      ['r1', 'r2', 'r3', 'r4', 'r5'].map((note, i) => ({ id: i + 1, note })),
    );
    await onLive(async (db) => {
      const fks = await db.query<{ conname: string }>(
        `select conname from pg_constraint where contype = 'f' and confrelid = 'public.orders'::regclass`,
      );
      expect(fks.rows.length).toBe(1);
      // the FK still holds: its rows point at T's orders, and a dangling one is refused
      const lines = await db.query<{ id: number; note: string }>(
        'select l.id, o.note from order_lines l join orders o on o.id = l.order_id order by l.id',
      );
      expect(lines.rows).toEqual([
        { id: 1, note: 'r2' },
        { id: 2, note: 'r3' },
      ]);
      await expect(db.query('insert into order_lines values (3, 999, 1)')).rejects.toThrow(
        /foreign key/,
      );
      const loud = await db.query<{ loud: string }>('select loud from order_notes order by id');
      expect(loud.rows.map((r) => r.loud)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
      // no staging schema is left behind
      const staged = await db.query(
        `select 1 from pg_namespace where nspname like 'restored\\_%' or nspname like '%staging%'`,
      );
      expect(staged.rows).toEqual([]);
      const ledger = await db.query<{ n: number }>('select count(*)::int as n from ledger');
      expect(errors).toEqual([]);
      expect(committed).toBeGreaterThan(0);
      expect(ledger.rows[0]!.n).toBe(committed);
    });
    await writer.end();

    const cloneId = view.result?.instanceId;
    expect(cloneId).toBeDefined();
    await until('the transient clone to be destroyed', 120_000, async () => {
      const c = await api('GET', `/api/v1/instances/${cloneId}`, t.people.owner.token);
      return c.status === 404 ? true : undefined;
    });
    expect(await actions()).toEqual(
      expect.arrayContaining([
        'table_restore.requested',
        'table_restore.succeeded',
        'restore.clone_expired',
      ]),
    );
  }, 700_000);
});
