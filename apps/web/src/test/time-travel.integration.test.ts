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
import type { ConsoleQueryView, RestoreView, TimeTravelView } from '../lib/api-types';
import { call, type CallResult } from './api-call';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Issue 16 parts 2 and 3 on the real stack, one instance for the file: `orders` holds r1..r5 at
 * T, then changes after T. (a) the time-travel console at T answers T's rows for the tenant,
 * refuses writes and another tenant; (b) a table restore of `orders` as of T into `restored_…`
 * leaves every other table alone while a writer keeps committing to one of them.
 */
let f: StackFixtures;
let t: ScratchTenant;
let other: ScratchTenant;
let source: RestorableInstance;
let owner: Connection;
let T: string;
let timeTravelCloneId: string | undefined;

const api = (method: string, path: string, token: string, body?: unknown) =>
  call(f.baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });
const errorOf = (r: CallResult) => (r.body as { error: { code: string; message: string } }).error;
const notes = (r: CallResult) => (r.body as ConsoleQueryView).rows.map((row) => row[0]);

async function restoreView(id: string): Promise<RestoreView> {
  return (await api('GET', `/api/v1/restores/${id}`, t.people.owner.token)).body as RestoreView;
}

async function actions(): Promise<string[]> {
  const res = await api('GET', '/api/v1/audit?limit=500', t.people.owner.token);
  return (res.body as { events: Array<{ action: string }> }).events.map((e) => e.action);
}

/** md5 of every table's rows, by name (the live instance's own view of "untouched") */
async function fingerprints(except: readonly string[]): Promise<Record<string, string>> {
  const db = await connectTo(owner);
  try {
    const tables = await db.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables
        where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'restored\\_%'
        order by 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables.rows) {
      if (except.includes(name)) continue;
      const r = await db.query<{ md5: string }>(
        `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as md5 from ${name} x`,
      );
      out[name] = r.rows[0]!.md5;
    }
    return out;
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'timetravel');
  other = await createScratchTenant(f.platform.db, 'timetravel-other');
  // business archives WAL every 15 s: the window reaches the rows soonest
  await f.platform.pool.query(`update tenants set plan_id = 'business' where id = $1`, [t.id]);
  source = await createRestorableInstanceWithToken(t.people.owner.token, t.slug);
  T = source.rowsCommittedAt;
  const secret = await tokenApi(t.people.owner.token)<Connection>(
    'POST',
    `/api/v1/instances/${source.id}/password`,
  );
  owner = secret.body;
  // after T: orders changes, and tables T never had
  const db = await connectTo(owner);
  try {
    await db.query(`delete from orders where note = 'r1'`);
    await db.query(`insert into orders(note) values ('r6')`);
    await db.query('create table customers (id int primary key, name text not null)');
    await db.query(`insert into customers values (1, 'ada'), (2, 'grace')`);
    await db.query('create table ledger (id bigserial primary key, at timestamptz default now())');
  } finally {
    await db.end();
  }
}, 600_000);

afterAll(async () => {
  try {
    if (timeTravelCloneId)
      await deleteInstance(tokenApi(t.people.owner.token), timeTravelCloneId).catch(() => {});
    if (source) await deleteInstance(source.api, source.id);
  } finally {
    await f?.close();
  }
}, 240_000);

describe('time travel: the read-only console at T', () => {
  it('opens a clone at T (found again the second time) whose rows are T’s, for owner and member alike', async () => {
    const first = await api(
      'POST',
      `/api/v1/instances/${source.id}/time-travel`,
      t.people.owner.token,
      {
        target: { time: T },
      },
    );
    expect(first.status, first.text).toBe(202);
    const opened = first.body as TimeTravelView;
    expect(opened.reused).toBe(false);
    const done = await until('the time-travel clone', 400_000, async () => {
      const v = await restoreView(opened.restoreId);
      if (['failed', 'cancelled', 'rejected', 'expired'].includes(v.status))
        throw new Error(`restore ${v.status}: ${v.error}`);
      return v.status === 'succeeded' && v.result?.status === 'running' ? v : undefined;
    });
    timeTravelCloneId = done.result!.instanceId;
    // short-lived: an hour, not the default day
    expect(Date.parse(done.result!.expiresAt!) - Date.now()).toBeLessThanOrEqual(3600_000);

    const again = await api(
      'POST',
      `/api/v1/instances/${source.id}/time-travel`,
      t.people.admin.token,
      {
        target: { time: T },
      },
    );
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({
      restoreId: opened.restoreId,
      reused: true,
      cloneId: timeTravelCloneId,
    });

    const sql = 'select note from orders order by id';
    const past = await api(
      'POST',
      `/api/v1/instances/${timeTravelCloneId}/query`,
      t.people.owner.token,
      { sql },
    );
    expect(past.status, past.text).toBe(200);
    expect(past.body).toMatchObject({
      instanceId: timeTravelCloneId,
      access: 'owner',
      columns: ['note'],
      more: false,
    });
    expect(notes(past)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    const asMember = await api(
      'POST',
      `/api/v1/instances/${timeTravelCloneId}/query`,
      t.people.member.token,
      { sql },
    );
    expect(asMember.status, asMember.text).toBe(200);
    expect(asMember.body).toMatchObject({ access: 'read_only' });
    expect(notes(asMember)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    // the same query on the live instance, side by side
    const live = await api('POST', `/api/v1/instances/${source.id}/query`, t.people.owner.token, {
      sql,
    });
    expect(notes(live)).toEqual(['r2', 'r3', 'r4', 'r5', 'tail', 'r6']);
    expect(await actions()).toEqual(
      expect.arrayContaining(['time_travel.opened', 'instance.console_query']),
    );
  });

  it('refuses a write: by the parser before it runs, and by the read-only transaction', async () => {
    const id = timeTravelCloneId!;
    const insert = await api('POST', `/api/v1/instances/${id}/query`, t.people.owner.token, {
      sql: "insert into orders(note) values ('x')",
    });
    expect(insert.status).toBe(400);
    expect(errorOf(insert)).toMatchObject({ code: 'validation_failed' });
    const nextval = await api('POST', `/api/v1/instances/${id}/query`, t.people.owner.token, {
      sql: "select nextval('orders_id_seq')",
    });
    expect(nextval.status).toBe(400);
    expect(errorOf(nextval).message).toMatch(/read-only transaction/);
    const count = await api('POST', `/api/v1/instances/${id}/query`, t.people.owner.token, {
      sql: 'select count(*) from orders',
    });
    expect((count.body as ConsoleQueryView).rows).toEqual([['5']]);
  });

  it('another tenant gets 404 for the clone, the source and a time travel of it; nothing runs', async () => {
    const before = (await actions()).filter((a) => a === 'instance.console_query').length;
    const sql = 'select 1';
    for (const id of [timeTravelCloneId!, source.id]) {
      const q = await api('POST', `/api/v1/instances/${id}/query`, other.people.owner.token, {
        sql,
      });
      expect(q.status).toBe(404);
    }
    const open = await api(
      'POST',
      `/api/v1/instances/${source.id}/time-travel`,
      other.people.owner.token,
      {
        target: { time: T },
      },
    );
    expect(open.status).toBe(404);
    expect((await actions()).filter((a) => a === 'instance.console_query').length).toBe(before);
  });
});

describe('table restore: orders as of T into restored_…', () => {
  it('refuses bad requests before anything is provisioned', async () => {
    const path = `/api/v1/instances/${source.id}/table-restores`;
    const target = { time: T };
    const both = await api('POST', path, t.people.owner.token, {
      target,
      tables: ['orders'],
      schema: 'public',
    });
    expect(both.status).toBe(400);
    expect(errorOf(both).message).toMatch(/either tables/);
    const bad = await api('POST', path, t.people.owner.token, {
      target,
      tables: ['orders; drop table x'],
    });
    expect(bad.status).toBe(400);
    const replace = await api('POST', path, t.people.owner.token, {
      target,
      tables: ['orders'],
      into: 'replace',
    });
    expect(replace.status).toBe(400);
    expect(errorOf(replace).message).toMatch(/confirm: "replace public.orders"/);
    expect((replace.body as { error: { details: object } }).error.details).toMatchObject({
      confirm: 'replace public.orders',
      foreignKeys: [],
      views: [],
    });
    expect(
      (await api('POST', path, t.people.member.token, { target, tables: ['orders'] })).status,
    ).toBe(403);
    expect(
      (await api('POST', path, other.people.owner.token, { target, tables: ['orders'] })).status,
    ).toBe(404);
  });

  it('copies orders as of T beside the live tables; every other table is untouched and a concurrent writer loses nothing', async () => {
    const before = await fingerprints(['public.ledger']);
    // a writer to another table throughout the restore
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
      const res = await api(
        'POST',
        `/api/v1/instances/${source.id}/table-restores`,
        t.people.owner.token,
        {
          target: { time: T },
          tables: ['orders'],
        },
      );
      expect(res.status, res.text).toBe(202);
      const id = (res.body as { id: string }).id;
      view = await until('the table restore', 500_000, async () => {
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
    const schema = view.tableRestore!.stagingSchema;
    expect(schema).toMatch(/^restored_\d{14}$/);
    expect(view.tableRestore!.outcome!.tables).toEqual([{ name: 'public.orders', rows: 5 }]);

    const db = await connectTo(owner);
    try {
      const restored = await db.query<{ note: string }>(
        `select note from ${schema}.orders order by id`,
      );
      expect(restored.rows.map((r) => r.note)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
      const ledger = await db.query<{ n: number }>('select count(*)::int as n from ledger');
      expect(errors).toEqual([]);
      expect(committed).toBeGreaterThan(0);
      expect(ledger.rows[0]!.n).toBe(committed);
    } finally {
      await writer.end();
      await db.end();
    }
    expect(await fingerprints(['public.ledger'])).toEqual(before);

    // the transient clone goes
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
  });
});
