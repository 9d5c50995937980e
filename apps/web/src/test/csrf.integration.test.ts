import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, createInstanceRecord, instances, inTenantTx, tenants } from '@rewind/db';
import { call } from './api-call';
import { createScratchTenant, findRow, findRows, type ScratchTenant } from '@rewind/db/testing';
import { browserHeaders, signIn } from './session';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Cross-site request forgery with real HTTP against the running web: the browser attaches
 * the session cookie to a page's credentialed `no-cors` POST even from another origin of the
 * same site (another port). Such requests must be refused before anything changes.
 */
let f: StackFixtures;
let t: ScratchTenant;
let cookie: string;
let instanceId: string;
let sameSite: string;

const retention = async () => (await findRow(f.platform.db, tenants, { id: t.id })).retentionDays;
const tokenCount = async () =>
  (await findRows(f.platform.db, apiTokens, { tenantId: t.id })).length;
const instanceStatus = async () =>
  (await findRow(f.platform.db, instances, { id: instanceId })).status;

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'csrf');
  cookie = await signIn(f.baseUrl, t.people.owner.email, t.people.owner.password);
  const u = new URL(f.baseUrl);
  sameSite = `${u.protocol}//${u.hostname}:${Number(u.port) + 1}`;
  instanceId = (
    await inTenantTx(f.platform.db, { tenantId: t.id }, (tx) =>
      createInstanceRecord(tx, {
        tenantId: t.id,
        name: 'csrf-target',
        secretKey: f.env.REWIND_SECRET_KEY,
        hostId: f.env.REWIND_HOST_ID,
      }),
    )
  ).id;
});
afterAll(async () => {
  await f?.close();
});

describe('CSRF: state-changing calls with the session cookie', () => {
  const forged: Array<[label: string, headers: () => Record<string, string>]> = [
    [
      'a same-site page on another port',
      () => ({ cookie, origin: sameSite, 'sec-fetch-site': 'same-site' }),
    ],
    [
      'another site',
      () => ({ cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }),
    ],
    [
      'an opaque origin (sandboxed iframe)',
      () => ({ cookie, origin: 'null', 'sec-fetch-site': 'cross-site' }),
    ],
    ['Sec-Fetch-Site same-site without Origin', () => ({ cookie, 'sec-fetch-site': 'same-site' })],
    ['neither Origin nor Sec-Fetch-Site', () => ({ cookie })],
  ];

  it.each(forged)(
    'stop instance from %s → 403 JSON, instance untouched',
    async (_label, headers) => {
      const before = await instanceStatus();
      const res = await call(f.baseUrl, 'POST', `/api/v1/instances/${instanceId}/stop`, {
        headers: headers(),
        raw: '',
        contentType: 'text/plain',
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        error: { code: 'forbidden', message: expect.stringMatching(/cross-site request refused/) },
      });
      expect(await instanceStatus()).toBe(before);
    },
  );

  it.each(forged)(
    'settings and token writes from %s → 403, nothing changed',
    async (_label, headers) => {
      const [days, tokens] = [await retention(), await tokenCount()];
      const patch = await call(f.baseUrl, 'PATCH', '/api/v1/tenant', {
        headers: headers(),
        body: { retentionDays: 2 },
      });
      const post = await call(f.baseUrl, 'POST', '/api/v1/tokens', {
        headers: headers(),
        body: { name: 'forged' },
      });
      const del = await call(f.baseUrl, 'DELETE', `/api/v1/members/${t.people.member.id}`, {
        headers: headers(),
      });
      for (const res of [patch, post, del])
        expect(res).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect([await retention(), await tokenCount()]).toEqual([days, tokens]);
    },
  );

  it('the platform-admin surface refuses a forged call too', async () => {
    const admin = await signIn(f.baseUrl, 'admin@rewind.local', 'rewind-admin-demo');
    const res = await call(f.baseUrl, 'PATCH', `/api/v1/admin/tenants/${t.id}`, {
      headers: { cookie: admin, origin: sameSite },
      body: { planId: 'enterprise' },
    });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await findRow(f.platform.db, tenants, { id: t.id })).planId).toBe('pro');
  });

  it('reads with the cookie still work from anywhere (GET changes nothing)', async () => {
    const res = await call(f.baseUrl, 'GET', '/api/v1/tenant', {
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(res.status).toBe(200);
  });

  it('the portal itself (own Origin) changes settings', async () => {
    const res = await call(f.baseUrl, 'PATCH', '/api/v1/tenant', {
      headers: browserHeaders(f.baseUrl, cookie),
      body: { retentionDays: 3 },
    });
    expect(res.status).toBe(200);
    expect(await retention()).toBe(3);
  });

  it('bearer-token calls are unaffected by Origin', async () => {
    const res = await call(f.baseUrl, 'PATCH', '/api/v1/tenant', {
      token: t.people.owner.token,
      headers: { origin: 'http://evil.example' },
      body: { retentionDays: 4 },
    });
    expect(res.status).toBe(200);
    expect(await retention()).toBe(4);
  });
});
