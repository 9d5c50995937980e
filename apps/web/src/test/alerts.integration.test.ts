import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '@rewind/db/seed';
import { alerts, createInstanceRecord, inTenantTx, raiseAlert } from '@rewind/db';
import { createScratchTenant, findRows, type ScratchTenant } from '@rewind/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './api-call';
import { browserHeaders, signIn } from './session';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

let f: StackFixtures;
let mine: ScratchTenant;
let other: ScratchTenant;
let instanceId: string;
let alertId: string;
const admin = DEMO_USERS.find((u) => u.tenant === null)!;

beforeAll(async () => {
  f = await stackFixtures();
  mine = await createScratchTenant(f.platform.db, 'alerts');
  other = await createScratchTenant(f.platform.db, 'alerts-other');
  const instance = await inTenantTx(f.platform.db, { tenantId: mine.id }, (tx) =>
    createInstanceRecord(tx, {
      tenantId: mine.id,
      name: 'alerted',
      secretKey: f.env.REWIND_SECRET_KEY,
      hostId: f.env.REWIND_HOST_ID,
    }),
  );
  instanceId = instance.id;
  // the row the evaluation would raise (the worker test raises it from a real condition)
  const { alert } = await raiseAlert(f.platform.db, {
    tenantId: mine.id,
    instanceId,
    key: `instance:${instanceId}:geo_check_red`,
    kind: 'geo_check_red',
    summary: 'alerted: region B lacks 1 segment(s) and 0 backup(s) region A holds',
  });
  alertId = alert.id;
});
afterAll(async () => {
  await f?.close();
});

describe('alerts API', () => {
  it('lists a tenant its own alerts; another tenant sees none and its instance filter is 404', async () => {
    const own = await call(f.baseUrl, 'GET', '/api/v1/alerts', { token: mine.people.member.token });
    expect(own.status).toBe(200);
    expect((own.body as { alerts: { id: string }[] }).alerts.map((a) => a.id)).toContain(alertId);
    const foreign = await call(f.baseUrl, 'GET', '/api/v1/alerts', {
      token: other.people.owner.token,
    });
    expect(foreign.status).toBe(200);
    expect((foreign.body as { alerts: { id: string }[] }).alerts.map((a) => a.id)).not.toContain(
      alertId,
    );
    const filtered = await call(f.baseUrl, 'GET', `/api/v1/alerts?instance=${instanceId}`, {
      token: other.people.owner.token,
    });
    expect(filtered.status).toBe(404);
    expect(
      (await call(f.baseUrl, 'GET', '/api/v1/alerts?bogus=1', { token: mine.people.owner.token }))
        .status,
    ).toBe(400);
  });

  it('webhooks: owners only, http(s) only, the secret once, deleted by owners; admin list is platform-only', async () => {
    const bad = await call(f.baseUrl, 'POST', '/api/v1/alerts/webhooks', {
      token: mine.people.owner.token,
      body: { url: 'ftp://127.0.0.1/x' },
    });
    expect(bad.status).toBe(400);
    const member = await call(f.baseUrl, 'POST', '/api/v1/alerts/webhooks', {
      token: mine.people.member.token,
      body: { url: 'http://127.0.0.1:9/hook' },
    });
    expect(member.status).toBe(403);
    const ok = await call(f.baseUrl, 'POST', '/api/v1/alerts/webhooks', {
      token: mine.people.owner.token,
      body: { url: 'http://127.0.0.1:9/hook' },
    });
    expect(ok.status).toBe(201);
    expect((ok.body as { secret: string }).secret).toMatch(/^whsec_/);
    const listed = await call(f.baseUrl, 'GET', '/api/v1/alerts/webhooks', {
      token: mine.people.owner.token,
    });
    expect(JSON.stringify(listed.body)).not.toContain((ok.body as { secret: string }).secret);
    const foreign = await call(f.baseUrl, 'GET', '/api/v1/alerts/webhooks', {
      token: other.people.owner.token,
    });
    expect((foreign.body as { webhooks: unknown[] }).webhooks).toEqual([]);

    // delete: owners of the tenant only; gone from the list, a second delete is 404
    const id = (ok.body as { id: string }).id;
    const path = `/api/v1/alerts/webhooks/${id}`;
    const del = (token: string) => call(f.baseUrl, 'DELETE', path, { token });
    expect((await del(mine.people.member.token)).status).toBe(403);
    expect((await del(other.people.owner.token)).status).toBe(404);
    expect((await del(mine.people.owner.token)).status).toBe(204);
    const after = await call(f.baseUrl, 'GET', '/api/v1/alerts/webhooks', {
      token: mine.people.owner.token,
    });
    expect((after.body as { webhooks: { id: string }[] }).webhooks.map((w) => w.id)).not.toContain(
      id,
    );
    expect((await del(mine.people.owner.token)).status).toBe(404);
    expect((await call(f.baseUrl, 'PUT', path, { token: mine.people.owner.token })).status).toBe(
      405,
    );
    expect(
      (await call(f.baseUrl, 'GET', '/api/v1/admin/alerts', { token: mine.people.owner.token }))
        .status,
    ).toBe(404);
  });

  it('records Alertmanager notifications as fleet alerts: token required, firing opens, resolved resolves', async () => {
    const fingerprint = randomUUID().replace(/-/g, '').slice(0, 16);
    const note = (status: 'firing' | 'resolved') => ({
      version: '4',
      status,
      alerts: [
        {
          status,
          fingerprint,
          labels: { alertname: 'RewindArchiveLagOverBound', region: 'region-a', severity: 'page' },
          annotations: { summary: 'WAL archiving to region-a is behind its bound' },
        },
      ],
    });
    const path = '/api/v1/alerts/alertmanager';
    expect((await call(f.baseUrl, 'POST', path, { body: note('firing') })).status).toBe(401);
    const auth = { authorization: `Bearer ${f.env.REWIND_METRICS_TOKEN}` };
    const fired = await call(f.baseUrl, 'POST', path, { headers: auth, body: note('firing') });
    expect(fired.body).toEqual({ opened: 1, resolved: 0 });
    const [row] = await findRows(f.platform.db, alerts, { key: `prometheus:${fingerprint}` });
    expect(row).toMatchObject({ tenantId: null, kind: 'prometheus', status: 'open' });

    const cookie = await signIn(f.baseUrl, admin.email, admin.password);
    const listed = await call(f.baseUrl, 'GET', '/api/v1/admin/alerts?status=open', {
      headers: browserHeaders(f.baseUrl, cookie),
    });
    const ids = (listed.body as { alerts: { id: string }[] }).alerts.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([row!.id, alertId]));
    // a tenant never sees a fleet alert
    const own = await call(f.baseUrl, 'GET', '/api/v1/alerts', { token: mine.people.owner.token });
    expect((own.body as { alerts: { id: string }[] }).alerts.map((a) => a.id)).not.toContain(
      row!.id,
    );

    const done = await call(f.baseUrl, 'POST', path, { headers: auth, body: note('resolved') });
    expect(done.body).toEqual({ opened: 0, resolved: 1 });
    const [after] = await findRows(f.platform.db, alerts, { key: `prometheus:${fingerprint}` });
    expect(after).toMatchObject({ status: 'resolved' });
  });
});
