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
import type { RestoreListItem, WalEvent, WalEventsResponse } from '../lib/api-types';
import { call } from './api-call';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Issue 16 part 1 on the real stack: a table made, filled and dropped within one catalog sync
 * interval (milliseconds apart, syncs run every 15 s) was never in a sync's map, so wal-events
 * first answers its DROP unnamed with `resolution: "pending"`; a transient clone at just before
 * the DROP is read in the background, and the next calls name it (database, schema, table).
 */
let f: StackFixtures;
let t: ScratchTenant;
let other: ScratchTenant;
let source: RestorableInstance;
let owner: Connection;
let startedAt: string;
let dropXid: string;

const api = (method: string, path: string, token: string) =>
  call(f.baseUrl, method, path, { token });

async function dropEvent(token = t.people.owner.token): Promise<WalEvent | undefined> {
  const q = new URLSearchParams({ from: startedAt, to: new Date().toISOString() });
  const res = await api('GET', `/api/v1/instances/${source.id}/wal-events?${q}`, token);
  expect(res.status, res.text).toBe(200);
  return (res.body as WalEventsResponse).events.find((e) => String(e.xid) === dropXid);
}

async function actions(): Promise<string[]> {
  const res = await api('GET', '/api/v1/audit?limit=500', t.people.owner.token);
  return (res.body as { events: Array<{ action: string }> }).events.map((e) => e.action);
}

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'unseen');
  other = await createScratchTenant(f.platform.db, 'unseen-other');
  // business archives WAL every 15 s: the DROP reaches the archive soonest
  await f.platform.pool.query(`update tenants set plan_id = 'business' where id = $1`, [t.id]);
  source = await createRestorableInstanceWithToken(t.people.owner.token, t.slug);
  const secret = await tokenApi(t.people.owner.token)<Connection>(
    'POST',
    `/api/v1/instances/${source.id}/password`,
  );
  owner = secret.body;
  startedAt = new Date().toISOString();
  const db = await connectTo(owner);
  try {
    // three transactions, back to back: no sync sees `flash`
    await db.query('create table flash (id int primary key, note text not null)');
    await db.query(`insert into flash select g, 'f' || g from generate_series(1, 100) g`);
    await db.query('begin');
    await db.query('drop table flash');
    dropXid = (await db.query<{ xid: string }>('select pg_current_xact_id()::text as xid')).rows[0]!
      .xid;
    await db.query('commit');
  } finally {
    await db.end();
  }
}, 600_000);

afterAll(async () => {
  try {
    if (source) await deleteInstance(source.api, source.id);
  } finally {
    await f?.close();
  }
}, 240_000);

describe('wal-events names a table made and dropped between two catalog syncs', () => {
  let first: WalEvent;

  it('answers the DROP at once, unnamed and pending', async () => {
    first = await until('the DROP in archived WAL', 300_000, () => dropEvent());
    expect(first).toMatchObject({
      kind: 'drop_table',
      database: owner.database,
      table: null,
      tables: [],
      resolution: 'pending',
      restoreTarget: { xid: dropXid, inclusive: false },
    });
  }, 320_000);

  it('names it from a transient clone at just before the DROP, then destroys that clone', async () => {
    const named = await until('the DROP named', 600_000, async () => {
      const e = await dropEvent();
      if (e?.resolution === 'unresolved') throw new Error(`not named: ${JSON.stringify(e)}`);
      return e?.resolution === 'recorded' ? e : undefined;
    });
    expect(named).toMatchObject({
      kind: 'drop_table',
      lsn: first.lsn,
      time: first.time,
      database: owner.database,
      schema: 'public',
      table: 'flash',
      tables: [{ schema: 'public', table: 'flash' }],
      resolution: 'recorded',
    });
    // recorded: the next call names it from relation_names, with no new clone
    expect(await dropEvent()).toMatchObject({ table: 'flash', resolution: 'recorded' });
    expect((await actions()).filter((a) => a === 'relation_names.clone_requested')).toHaveLength(1);

    const list = await api('GET', `/api/v1/restores?instanceId=${source.id}`, t.people.owner.token);
    expect(list.status, list.text).toBe(200);
    // the platform's clone restore, in the tenant's history like any restore it ran on their data
    const clone = (list.body as RestoreListItem[]).find(
      (r) => 'xid' in r.target && r.target.xid === dropXid && r.mode === 'clone',
    );
    expect(clone, list.text).toBeDefined();
    expect(clone!.requestedBy).toBeNull();
    const cloneId = clone!.resultInstanceId;
    expect(cloneId).toBeTruthy();
    await until('the transient clone to be destroyed', 180_000, async () => {
      const c = await api('GET', `/api/v1/instances/${cloneId}`, t.people.owner.token);
      return c.status === 404 ? true : undefined;
    });
  }, 800_000);

  it('another tenant gets 404', async () => {
    const q = new URLSearchParams({ from: startedAt, to: new Date().toISOString() });
    const res = await api(
      'GET',
      `/api/v1/instances/${source.id}/wal-events?${q}`,
      other.people.owner.token,
    );
    expect(res.status).toBe(404);
  });
});
