import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

let f: StackFixtures;
let acmeToken: string;

beforeAll(async () => {
  f = await stackFixtures();
  acmeToken = await f.ownerToken('acme');
});

afterAll(async () => {
  await f?.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${f.baseUrl}${path}`, { headers, redirect: 'manual' });
  const body: unknown = res.headers.get('content-type')?.includes('json')
    ? await res.json()
    : await res.text();
  return { status: res.status, body };
}

describe('API authentication', () => {
  it('401 JSON without credentials', async () => {
    const res = await get('/api/v1/instances');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('401 for a malformed, unknown or revoked token, all with the same message', async () => {
    const malformed = await get('/api/v1/instances', { authorization: 'Bearer nope' });
    const unknown = await get('/api/v1/instances', {
      authorization: `Bearer rw_${'A'.repeat(40)}`,
    });
    const notBearer = await get('/api/v1/instances', { authorization: `Basic ${acmeToken}` });
    for (const res of [malformed, unknown, notBearer]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'unauthenticated', message: 'invalid or revoked API token' },
      });
    }
  });

  it('a revoked token stops working', async () => {
    const token = await f.ownerToken('acme');
    expect((await get('/api/v1/me', { authorization: `Bearer ${token}` })).status).toBe(200);
    await f.platform.pool.query(
      `update api_tokens set revoked_at = now() where token_hash = encode(sha256($1::bytea), 'hex')`,
      [token],
    );
    expect((await get('/api/v1/me', { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('a valid token lists its tenant and says who it is', async () => {
    const list = await get('/api/v1/instances', { authorization: `Bearer ${acmeToken}` });
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);

    const me = await get('/api/v1/me', { authorization: `Bearer ${acmeToken}` });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      principal: { kind: 'token', email: 'owner@acme.test' },
      tenant: { slug: 'acme' },
      role: 'owner',
    });
  });

  it('a token cannot be pointed at another tenant with the tenant header', async () => {
    const res = await get('/api/v1/instances', {
      authorization: `Bearer ${acmeToken}`,
      'x-rewind-tenant': 'globex',
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('unknown API paths answer JSON 404', async () => {
    const res = await get('/api/v1/no-such-thing', { authorization: `Bearer ${acmeToken}` });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
  });
});
