import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceRecord, inTenantTx } from '@rewind/db';
import { createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import type { ValidationQueryView } from '../lib/api-types';
import { call, type CallOptions, type CallResult } from './api-call';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * The tenant's own validation queries through the public API: who may list, add and delete them,
 * what SQL is refused (with a message a person can act on), limits, audit, and tenancy (another
 * tenant's instance or query is 404). Instances here are records only: saving a query needs no
 * running PostgreSQL; running them is the worker's restore-validation-queries test.
 */
let f: StackFixtures;
let t: ScratchTenant;
let other: ScratchTenant;
let instanceId: string;
let otherInstanceId: string;
let cloneId: string;

const api = (method: string, p: string, token: string, o: Omit<CallOptions, 'token'> = {}) =>
  call(f.baseUrl, method, p, { ...o, token });
const base = (id = instanceId) => `/api/v1/instances/${id}/validation-queries`;
const list = (token: string, id = instanceId) => api('GET', base(id), token);
const create = (token: string, body: unknown, id = instanceId) =>
  api('POST', base(id), token, { body });
const remove = (token: string, queryId: string, id = instanceId) =>
  api('DELETE', `${base(id)}/${queryId}`, token);

async function record(
  tenantId: string,
  name: string,
  kind: 'primary' | 'clone' = 'primary',
): Promise<string> {
  const row = await inTenantTx(f.platform.db, { tenantId }, (tx) =>
    createInstanceRecord(tx, {
      tenantId,
      name,
      secretKey: f.env.REWIND_SECRET_KEY,
      hostId: f.env.REWIND_HOST_ID,
      kind,
      ignorePlanLimit: true,
    }),
  );
  // a record only: never provisioned, so it must not look like it is being created
  await f.platform.pool.query(`update instances set status = 'stopped' where id = $1`, [row.id]);
  return row.id;
}

function expect400(res: CallResult, message: RegExp): void {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({
    error: { code: 'validation_failed', message: expect.stringMatching(message) },
  });
}

async function count(id = instanceId): Promise<number> {
  const r = await f.platform.pool.query<{ n: number }>(
    'select count(*)::int as n from validation_queries where instance_id = $1',
    [id],
  );
  return r.rows[0]!.n;
}

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'vq');
  other = await createScratchTenant(f.platform.db, 'vq-other');
  const suffix = randomUUID().slice(0, 6);
  instanceId = await record(t.id, `vq-${suffix}`);
  cloneId = await record(t.id, `vq-clone-${suffix}`, 'clone');
  otherInstanceId = await record(other.id, `vq-other-${suffix}`);
});

afterAll(async () => {
  if (f) {
    const ids = [instanceId, cloneId, otherInstanceId].filter(Boolean);
    await f.platform.pool.query(
      `update instances set status = 'deleted' where id = any($1::uuid[])`,
      [ids],
    );
    await f.close();
  }
});

describe('list, create, delete', () => {
  it('an instance without queries lists none; an owner adds one (201) that members then see', async () => {
    const empty = await list(t.people.member.token);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual([]);

    const created = await create(t.people.owner.token, {
      name: '  orders exist ',
      sql: 'select count(*) from orders;',
    });
    expect(created.status).toBe(201);
    const q = created.body as ValidationQueryView;
    // trimmed, the default expectation, the SQL as saved
    expect(q).toEqual({
      id: expect.any(String),
      instanceId,
      name: 'orders exist',
      sql: 'select count(*) from orders;',
      expectation: 'positive_count',
      createdAt: expect.stringMatching(/Z$/),
    });

    const seen = await list(t.people.member.token);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual([q]);
  });

  it('an admin adds one with an expectation; the list is in run order (oldest first)', async () => {
    const created = await create(t.people.admin.token, {
      name: 'no refunds without an order',
      sql: "select * from orders where note = 'nope'",
      expectation: 'zero_rows',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'no refunds without an order',
      expectation: 'zero_rows',
    });
    const names = ((await list(t.people.owner.token)).body as ValidationQueryView[]).map(
      (q) => q.name,
    );
    expect(names).toEqual(['orders exist', 'no refunds without an order']);
  });

  it('delete → 204, gone from the list; deleting it again → 404', async () => {
    const made = (
      await create(t.people.owner.token, {
        name: 'temporary',
        sql: 'values (1)',
        expectation: 'non_empty',
      })
    ).body as ValidationQueryView;
    const res = await remove(t.people.admin.token, made.id);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(
      ((await list(t.people.owner.token)).body as ValidationQueryView[]).map((q) => q.id),
    ).not.toContain(made.id);
    const again = await remove(t.people.owner.token, made.id);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({
      error: { code: 'not_found', message: 'validation query not found' },
    });
  });

  it('create and delete are in the audit trail, with who, which instance and what SQL', async () => {
    const made = (await create(t.people.owner.token, { name: 'audited', sql: 'select 1' }))
      .body as ValidationQueryView;
    expect((await remove(t.people.owner.token, made.id)).status).toBe(204);
    const res = await api(
      'GET',
      `/api/v1/audit?instanceId=${instanceId}&limit=200`,
      t.people.member.token,
    );
    expect(res.status).toBe(200);
    const events = (
      res.body as {
        events: Array<{
          action: string;
          target: { type: string; id: string } | null;
          actor: { email: string | null };
          data: Record<string, unknown>;
        }>;
      }
    ).events.filter((e) => e.target?.id === made.id);
    expect(events.map((e) => e.action).sort()).toEqual([
      'validation_query.created',
      'validation_query.deleted',
    ]);
    for (const e of events) {
      expect(e.target).toEqual({ type: 'validation_query', id: made.id });
      expect(e.actor.email).toBe(t.people.owner.email);
      expect(e.data).toMatchObject({
        instanceId,
        name: 'audited',
        sql: 'select 1',
        expectation: 'positive_count',
      });
    }
  });
});

describe('who may', () => {
  it('a member reads but gets 403 on create and delete; nothing changes', async () => {
    const before = await count();
    const existing = ((await list(t.people.owner.token)).body as ValidationQueryView[])[0]!;
    const post = await create(t.people.member.token, { name: 'by member', sql: 'select 1' });
    const del = await remove(t.people.member.token, existing.id);
    for (const res of [post, del]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        error: { code: 'forbidden', message: expect.stringContaining('validation:manage') },
      });
    }
    expect(await count()).toBe(before);
  });

  it("another tenant's owner gets 404 for the instance and for the query, exactly like unknown ids; nothing changes", async () => {
    const before = await count();
    const q = ((await list(t.people.owner.token)).body as ValidationQueryView[])[0]!;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const intruder = other.people.owner.token;
    for (const id of [instanceId, unknown, 'not-a-uuid']) {
      for (const res of [
        await list(intruder, id),
        await create(intruder, { name: 'stolen', sql: 'select 1' }, id),
        await remove(intruder, q.id, id),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ error: { code: 'not_found', message: 'instance not found' } });
      }
    }
    // its own instance with our query id: RLS hides the row, so it is a query that does not exist
    for (const queryId of [q.id, unknown, 'not-a-uuid']) {
      const res = await remove(intruder, queryId, otherInstanceId);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { code: 'not_found', message: 'validation query not found' },
      });
    }
    expect(await count()).toBe(before);
  });

  it('a query of one instance cannot be deleted through another instance of the same tenant', async () => {
    const q = ((await list(t.people.owner.token)).body as ValidationQueryView[])[0]!;
    const res = await remove(t.people.owner.token, q.id, cloneId);
    expect(res.status).toBe(404);
    expect(await count()).toBeGreaterThan(0);
  });
});

describe('refused input (400, with a message a person can act on)', () => {
  const cases: Array<[label: string, body: unknown, message: RegExp]> = [
    ['no name', { sql: 'select 1' }, /^name: Required$/],
    ['a blank name', { name: '   ', sql: 'select 1' }, /^name: is required$/],
    [
      'a name over 100 characters',
      { name: 'n'.repeat(101), sql: 'select 1' },
      /^name: must be at most 100 characters$/,
    ],
    ['no sql', { name: 'x' }, /^sql: Required$/],
    ['blank sql', { name: 'x', sql: ' \n ' }, /^sql: is required$/],
    [
      'sql over 10 000 characters',
      { name: 'x', sql: `select 1 -- ${'x'.repeat(10_000)}` },
      /^sql: must be at most 10000 characters$/,
    ],
    ['sql of the wrong type', { name: 'x', sql: 42 }, /^sql: Expected string, received number$/],
    [
      'an unknown expectation',
      { name: 'x', sql: 'select 1', expectation: 'all_good' },
      /^expectation: must be one of positive_count, non_empty, zero_rows$/,
    ],
    [
      'an unknown field',
      { name: 'x', sql: 'select 1', instanceId: 'other' },
      /^unknown field: instanceId$/,
    ],
    ['two statements', { name: 'x', sql: 'select 1; drop table orders' }, /single statement/],
    [
      'a DELETE',
      { name: 'x', sql: 'delete from orders' },
      /read-only query starting with SELECT, WITH, VALUES or TABLE, not DELETE/,
    ],
    ['DDL', { name: 'x', sql: 'DROP TABLE orders' }, /not DROP/],
    [
      'a data-modifying CTE',
      { name: 'x', sql: 'with d as (delete from orders returning *) select count(*) from d' },
      /must only read: DELETE changes the copy/,
    ],
    [
      'SELECT … INTO',
      { name: 'x', sql: 'select * into copy_of_orders from orders' },
      /SELECT … INTO creates a table/,
    ],
    ['a psql meta-command', { name: 'x', sql: '\\! id' }, /backslash commands/],
    [
      'an unterminated string',
      { name: 'x', sql: "select 'oops" },
      /sql cannot be read: unterminated quoted string/,
    ],
    [
      'FOR SHARE (locks rows; PostgreSQL refuses it in the read-only run)',
      { name: 'x', sql: 'select * from orders for share' },
      /FOR SHARE locks rows/,
    ],
    [
      'FOR KEY SHARE in a subquery',
      { name: 'x', sql: 'select * from (select * from orders for key share) s' },
      /FOR KEY SHARE locks rows/,
    ],
  ];

  it.each(cases)('%s', async (_label, body, message) => {
    const before = await count();
    expect400(await create(t.people.owner.token, body), message);
    expect(await count()).toBe(before);
  });

  it('a body that is not JSON', async () => {
    const res = await api('POST', base(), t.people.owner.token, {
      raw: 'name=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'bad_request', message: expect.stringContaining('JSON') },
    });
  });
});

describe('limits and conflicts (409)', () => {
  it('names are unique per instance', async () => {
    const res = await create(t.people.owner.token, { name: 'orders exist', sql: 'select 2' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: {
        code: 'conflict',
        message: expect.stringMatching(/already has a validation query named orders exist/),
      },
    });
  });

  it('a clone is refused: restores are made from its source', async () => {
    const res = await create(t.people.owner.token, { name: 'on clone', sql: 'select 1' }, cloneId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: {
        code: 'conflict',
        message: expect.stringMatching(/restored clone.*save validation queries there/),
      },
    });
    expect((await list(t.people.owner.token, cloneId)).body).toEqual([]);
  });

  it('at most 20 per instance; deleting one makes room', async () => {
    const have = await count();
    for (let i = have; i < 20; i++)
      expect(
        (await create(t.people.owner.token, { name: `filler ${i}`, sql: `select ${i + 1}` }))
          .status,
      ).toBe(201);
    const over = await create(t.people.owner.token, { name: 'one too many', sql: 'select 1' });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({
      error: {
        code: 'conflict',
        message: expect.stringMatching(/already has 20 validation queries.*delete one first/),
        details: { limit: 20 },
      },
    });
    const all = (await list(t.people.owner.token)).body as ValidationQueryView[];
    expect(all).toHaveLength(20);
    expect((await remove(t.people.owner.token, all[all.length - 1]!.id)).status).toBe(204);
    expect(
      (await create(t.people.owner.token, { name: 'one too many', sql: 'select 1' })).status,
    ).toBe(201);
  });
});
