import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedInstance, InstanceDetail, InstanceSummary } from '../lib/api-types';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

let f: StackFixtures;
let acme: string;
let globex: string;
let created: CreatedInstance;
const name = `web-it-${randomBytes(4).toString('hex')}`;

async function call(
  token: string,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${f.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

beforeAll(async () => {
  f = await stackFixtures();
  acme = await f.ownerToken('acme');
  globex = await f.ownerToken('globex');
  // One instance, in globex (the larger demo plan): the acme token then must not see it.
  const res = await call(globex, '/api/v1/instances', {
    method: 'POST',
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(201);
  created = res.body as CreatedInstance;
});

afterAll(async () => {
  await f?.close();
});

describe('POST /api/v1/instances', () => {
  it('answers 201 { id, status } and the instance shows up in the list', async () => {
    expect(created).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'creating',
    });
    const list = await call(globex, '/api/v1/instances');
    expect((list.body as InstanceSummary[]).map((i) => i.name)).toContain(name);
  });

  it('refuses a taken name with 409', async () => {
    const res = await call(globex, '/api/v1/instances', {
      method: 'POST',
      body: JSON.stringify({ name }),
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it('validates the body: bad name, unknown field, not JSON, too large', async () => {
    const bad = await call(acme, '/api/v1/instances', {
      method: 'POST',
      body: JSON.stringify({ name: 'Bad_Name' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: 'validation_failed', message: expect.stringContaining('name') },
    });

    const extra = await call(acme, '/api/v1/instances', {
      method: 'POST',
      body: JSON.stringify({ name: 'ok-name', tenantId: 'x' }),
    });
    expect(extra.status).toBe(400);
    expect(extra.body).toMatchObject({
      error: { code: 'validation_failed', message: expect.stringContaining('tenantId') },
    });

    const text = await call(acme, '/api/v1/instances', {
      method: 'POST',
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(400);

    const big = await call(acme, '/api/v1/instances', {
      method: 'POST',
      body: JSON.stringify({ name: 'a'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('is refused to a member (read-only role) with 403', async () => {
    const member = f.demo.users.find((u) => u.email === 'member@globex.test')!;
    const tenant = f.demo.tenants.find((t) => t.slug === 'globex')!;
    const { createApiTokenRecord, inTenantTx } = await import('@rewind/db');
    const { token } = await inTenantTx(f.platform.db, { tenantId: tenant.id }, (tx) =>
      createApiTokenRecord(tx, {
        tenantId: tenant.id,
        userId: member.id,
        name: 'member test token',
      }),
    );
    const res = await call(token, '/api/v1/instances', {
      method: 'POST',
      body: JSON.stringify({ name: 'not-allowed' }),
    });
    expect(res.status).toBe(403);
    expect((await call(token, `/api/v1/instances/${created.id}`)).status).toBe(200);
  });
});

describe('GET /api/v1/instances/{id}', () => {
  it('returns connection and window to its own tenant', async () => {
    const res = await call(globex, `/api/v1/instances/${created.id}`);
    expect(res.status).toBe(200);
    const detail = res.body as InstanceDetail;
    expect(detail).toMatchObject({
      id: created.id,
      name,
      connection: { host: expect.any(String), user: 'app', access: 'owner' },
    });
    // the password is never in the detail: Reveal fetches it on its own, audited
    expect(detail.connection).not.toHaveProperty('password');
    const reveal = await call(globex, `/api/v1/instances/${created.id}/password`, {
      method: 'POST',
    });
    expect(reveal.status).toBe(200);
    expect((reveal.body as { password: string }).password.length).toBeGreaterThan(10);
    const cross = await call(acme, `/api/v1/instances/${created.id}/password`, { method: 'POST' });
    expect(cross.status).toBe(404);
    expect(Array.isArray(detail.window.regions)).toBe(true);
  });

  it("answers 404 to another tenant's token, exactly like an unknown id", async () => {
    const cross = await call(acme, `/api/v1/instances/${created.id}`);
    const unknown = await call(acme, '/api/v1/instances/00000000-0000-4000-8000-000000000000');
    const malformed = await call(acme, '/api/v1/instances/not-a-uuid');
    for (const res of [cross, unknown, malformed]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'instance not found' } });
    }
    const list = await call(acme, '/api/v1/instances');
    expect((list.body as InstanceSummary[]).map((i) => i.id)).not.toContain(created.id);
  });
});
