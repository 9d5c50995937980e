import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  createInstanceRecord,
  findIdempotentResponse,
  inTenantTx,
  instances,
  validationQueries,
  type DbHandle,
} from '@rewind/db';
import { createScratchTenant, findRows, updateRows, type ScratchTenant } from '@rewind/db/testing';
import { call, type CallResult } from './api-call';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * `Idempotency-Key` on POSTs (issue 11, drill 10): a retry of a request that committed replays its
 * response and does nothing again; the same key with another body is refused; keys are per tenant
 * and invisible to other tenants (RLS). The effect used is saving a validation query: a second
 * save with the same name would be a 409, so a replay is plainly not a second execution.
 */
let f: StackFixtures;
let app: DbHandle;
let t: ScratchTenant;
let other: ScratchTenant;
let instanceId: string;
let otherInstanceId: string;

async function record(tenantId: string, name: string): Promise<string> {
  const row = await inTenantTx(f.platform.db, { tenantId }, (tx) =>
    createInstanceRecord(tx, {
      tenantId,
      name,
      secretKey: f.env.REWIND_SECRET_KEY,
      hostId: f.env.REWIND_HOST_ID,
      kind: 'primary',
      ignorePlanLimit: true,
    }),
  );
  await updateRows(f.platform.db, instances, { id: row.id }, { status: 'stopped' });
  return row.id;
}

const save = (
  token: string,
  key: string | undefined,
  body: unknown,
  id = instanceId,
): Promise<CallResult> =>
  call(f.baseUrl, 'POST', `/api/v1/instances/${id}/validation-queries`, {
    token,
    body,
    ...(key !== undefined ? { headers: { 'idempotency-key': key } } : {}),
  });

async function savedCount(id = instanceId): Promise<number> {
  return (await findRows(f.platform.db, validationQueries, { instanceId: id })).length;
}

beforeAll(async () => {
  f = await stackFixtures();
  app = createDb(f.env.CONTROL_DATABASE_URL, {
    max: 1,
    applicationName: 'rewind-idempotency-test',
  });
  t = await createScratchTenant(f.platform.db, 'idem');
  other = await createScratchTenant(f.platform.db, 'idem-other');
  const suffix = randomUUID().slice(0, 6);
  instanceId = await record(t.id, `idem-${suffix}`);
  otherInstanceId = await record(other.id, `idem-other-${suffix}`);
});

afterAll(async () => {
  if (f) {
    for (const id of [instanceId, otherInstanceId].filter(Boolean))
      await updateRows(f.platform.db, instances, { id }, { status: 'deleted' });
    await app?.close();
    await f.close();
  }
});

describe('Idempotency-Key on POST', () => {
  it('a retry with the same key replays the first response and saves nothing more', async () => {
    const key = randomUUID();
    const body = { name: `rows ${key.slice(0, 6)}`, sql: 'select 1' };
    const first = await save(t.people.owner.token, key, body);
    expect(first.status).toBe(201);
    const again = await save(t.people.owner.token, key, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await savedCount()).toBe(1);
    // without a key the same request is a new one (and here a conflict on the name)
    expect((await save(t.people.owner.token, undefined, body)).status).toBe(409);
  });

  it('concurrent requests with one key create exactly one row and all answer alike', async () => {
    const key = randomUUID();
    const body = { name: `burst ${key.slice(0, 6)}`, sql: 'select 2' };
    const before = await savedCount();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => save(t.people.owner.token, key, body)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 8 }, () => 201));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await savedCount()).toBe(before + 1);
  });

  it('the same key with another body is a 409 and changes nothing', async () => {
    const key = randomUUID();
    expect(
      (await save(t.people.owner.token, key, { name: `a ${key.slice(0, 6)}`, sql: 'select 3' }))
        .status,
    ).toBe(201);
    const before = await savedCount();
    const reused = await save(t.people.owner.token, key, {
      name: `b ${key.slice(0, 6)}`,
      sql: 'select 3',
    });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({
      error: { code: 'conflict', message: expect.stringMatching(/Idempotency-Key/) },
    });
    expect(await savedCount()).toBe(before);
  });

  it('a malformed key is a 400 before anything is saved', async () => {
    const before = await savedCount();
    const res = await save(t.people.owner.token, 'x'.repeat(300), {
      name: 'never',
      sql: 'select 4',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'bad_request', message: expect.stringMatching(/Idempotency-Key/) },
    });
    expect(await savedCount()).toBe(before);
  });

  it('a failed request stores no key: fixing the request and retrying with the key works', async () => {
    const key = randomUUID();
    const bad = await save(t.people.owner.token, key, {
      name: `fix ${key.slice(0, 6)}`,
      sql: 'delete from orders',
    });
    expect(bad.status).toBe(400);
    expect(
      (await save(t.people.owner.token, key, { name: `fix ${key.slice(0, 6)}`, sql: 'select 5' }))
        .status,
    ).toBe(201);
  });

  it('keys are per tenant: another tenant using the same key gets its own effect, never the first response', async () => {
    const key = randomUUID();
    const mine = await save(t.people.owner.token, key, {
      name: `same ${key.slice(0, 6)}`,
      sql: 'select 6',
    });
    expect(mine.status).toBe(201);
    const theirs = await save(
      other.people.owner.token,
      key,
      { name: `same ${key.slice(0, 6)}`, sql: 'select 6' },
      otherInstanceId,
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body).not.toEqual(mine.body);
    expect(await savedCount(otherInstanceId)).toBe(1);
    // and through RLS the other tenant cannot read this tenant's stored key or response
    const seenByOther = await inTenantTx(app.db, { tenantId: other.id }, (tx) =>
      findIdempotentResponse(tx, t.id, key),
    );
    expect(seenByOther).toBeNull();
    const seenByOwner = await inTenantTx(app.db, { tenantId: t.id }, (tx) =>
      findIdempotentResponse(tx, t.id, key),
    );
    expect(seenByOwner?.statusCode).toBe(201);
  });

  it("another tenant's instance with a key is still a 404, and stores no key", async () => {
    const key = randomUUID();
    const res = await save(
      other.people.owner.token,
      key,
      { name: 'cross', sql: 'select 7' },
      instanceId,
    );
    expect(res.status).toBe(404);
    const stored = await inTenantTx(app.db, { tenantId: other.id }, (tx) =>
      findIdempotentResponse(tx, other.id, key),
    );
    expect(stored).toBeNull();
  });
});
