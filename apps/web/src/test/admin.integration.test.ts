import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '@rewind/db/seed';
import {
  createInstanceRecord,
  inTenantTx,
  instanceRegionStatus,
  plans,
  restores,
  tenants,
} from '@rewind/db';
import {
  findRows,
  insertRows,
  updateRows,
  createScratchTenant,
  type ScratchTenant,
} from '@rewind/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type CallOptions } from './api-call';
import { browserHeaders, signIn } from './session';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

let f: StackFixtures;
let t: ScratchTenant;
let adminCookie: string;
let ownerCookie: string;
let pendingId: string;
let latestId: string;
const newestCommit = new Date('2026-01-01T00:10:00.123Z');
const admin = DEMO_USERS.find((u) => u.tenant === null)!;
const asAdmin = (method: string, path: string, o: CallOptions = {}) =>
  call(f.baseUrl, method, path, {
    ...o,
    headers: { ...browserHeaders(f.baseUrl, adminCookie), ...(o.headers ?? {}) },
  });

const reads = [
  '/api/v1/admin/restores',
  '/api/v1/admin/restores?status=pending_approval',
  '/api/v1/admin/drills',
  '/api/v1/admin/fleet',
  '/api/v1/admin/tenants',
  '/api/v1/admin/plans',
  '/api/v1/admin/audit',
];

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'admin');
  const instance = await inTenantTx(f.platform.db, { tenantId: t.id }, (tx) =>
    createInstanceRecord(tx, {
      tenantId: t.id,
      name: 'prod',
      secretKey: f.env.REWIND_SECRET_KEY,
      hostId: f.env.REWIND_HOST_ID,
    }),
  );
  // a restore row only (no workflow): enough for the queue to list; nobody decides on it here
  pendingId = randomUUID();
  await insertRows(f.platform.db, restores, {
    id: pendingId,
    tenantId: t.id,
    instanceId: instance.id,
    requestedBy: t.people.owner.id,
    workflowId: `tenant:${t.id}:instance:${instance.id}:restore:${pendingId}`,
    target: { time: '2026-01-01T00:00:00Z', inclusive: true },
    mode: 'replace',
    status: 'pending_approval',
  });
  // a `latest` one: the queue shows which second that is as of now (newest archived commit)
  latestId = randomUUID();
  await insertRows(f.platform.db, restores, {
    id: latestId,
    tenantId: t.id,
    instanceId: instance.id,
    requestedBy: t.people.owner.id,
    workflowId: `tenant:${t.id}:instance:${instance.id}:restore:${latestId}`,
    target: { latest: true },
    mode: 'replace',
    status: 'pending_approval',
  });
  for (const [region, at] of [
    [f.env.REGION_A_NAME, newestCommit],
    [f.env.REGION_B_NAME, new Date(newestCommit.getTime() - 5_000)],
  ] as const)
    await insertRows(f.platform.db, instanceRegionStatus, {
      tenantId: t.id,
      instanceId: instance.id,
      region,
      latestCommitAt: at,
    });
  adminCookie = await signIn(f.baseUrl, admin.email, admin.password);
  ownerCookie = await signIn(f.baseUrl, t.people.owner.email, t.people.owner.password);
});
afterAll(async () => {
  // out of the live queue: this row never had a workflow to approve
  if (f)
    for (const id of [pendingId, latestId])
      await updateRows(
        f.platform.db,
        restores,
        { id },
        { status: 'cancelled', finishedAt: new Date() },
      );
  await f?.close();
});

describe('admin API: who gets in', () => {
  it.each(reads)('GET %s answers the platform admin', async (path) => {
    const res = await asAdmin('GET', path);
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/json');
  });

  it.each(reads)('GET %s is 404 for a tenant owner session and for tokens', async (path) => {
    for (const o of [
      { headers: browserHeaders(f.baseUrl, ownerCookie) },
      { token: t.people.owner.token },
      { token: t.people.admin.token },
    ]) {
      const res = await call(f.baseUrl, 'GET', path, o);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('writes are 404 for tenant users and change nothing', async () => {
    const before = await findRows(f.platform.db, tenants, { id: t.id });
    for (const o of [
      { headers: browserHeaders(f.baseUrl, ownerCookie) },
      { token: t.people.owner.token },
    ]) {
      expect(
        (
          await call(f.baseUrl, 'PATCH', `/api/v1/admin/tenants/${t.id}`, {
            ...o,
            body: { planId: 'enterprise' },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await call(f.baseUrl, 'PATCH', '/api/v1/admin/plans/pro', {
            ...o,
            body: { maxInstances: 999 },
          })
        ).status,
      ).toBe(404);
    }
    expect(await findRows(f.platform.db, tenants, { id: t.id })).toEqual(before);
    expect((await findRows(f.platform.db, plans, { id: 'pro' }))[0]?.maxInstances).not.toBe(999);
  });
});

describe('admin API: views', () => {
  it('the approvals queue lists a pending restore across tenants with requester, tenant, instance, target, mode, age', async () => {
    const res = await asAdmin('GET', '/api/v1/admin/restores?status=pending_approval');
    const row = (res.body as { restores: Array<Record<string, unknown>> }).restores.find(
      (r) => r.id === pendingId,
    );
    expect(row).toMatchObject({
      tenant: { id: t.id, slug: t.slug },
      instance: { name: 'prod' },
      requestedBy: { email: t.people.owner.email },
      target: '2026-01-01T00:00:00Z',
      mode: 'replace',
      status: 'pending_approval',
      ageSeconds: expect.any(Number),
      latestResolvesTo: null,
    });
    const latest = (res.body as { restores: Array<Record<string, unknown>> }).restores.find(
      (r) => r.id === latestId,
    );
    expect(latest).toMatchObject({
      target: 'latest',
      latestResolvesTo: newestCommit.toISOString(),
    });
  });

  it('filters are validated: unknown status or parameter is a 400', async () => {
    for (const q of ['?status=nope', '?tenant=acme', '?limit=0', '?bogus=1']) {
      const res = await asAdmin('GET', `/api/v1/admin/restores${q}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it('the fleet lists the scratch instance with its window fields', async () => {
    const res = await asAdmin('GET', '/api/v1/admin/fleet');
    const row = (res.body as { instances: Array<Record<string, unknown>> }).instances.find(
      (i) => (i.tenant as { id: string }).id === t.id,
    );
    expect(row).toMatchObject({
      name: 'prod',
      rpoSeconds: null,
      lastBackup: null,
      geoCheck: null,
      lastDrill: null,
    });
    expect((row!.regions as Array<{ region: string }>).map((r) => r.region)).toEqual([
      f.env.REGION_A_NAME,
      f.env.REGION_B_NAME,
    ]);
  });
});

describe('admin API: plans and tenants', () => {
  it('bad plan edits are refused with a JSON error and change nothing', async () => {
    const [before] = await findRows(f.platform.db, plans, { id: 'enterprise' });
    const bad: Array<[unknown, number]> = [
      [{}, 400],
      [{ maxInstances: 0 }, 400],
      [{ maxInstances: 2.5 }, 400],
      [{ retentionDaysMax: '30' }, 400],
      [{ archiveTimeoutSeconds: 0 }, 400],
      [{ nope: 1 }, 400],
      // cadences must nest: an incremental every 2 days under a daily differential
      [{ incrBackupEverySeconds: 2 * 86_400 }, 400],
    ];
    for (const [body, status] of bad) {
      const res = await asAdmin('PATCH', '/api/v1/admin/plans/enterprise', { body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
    expect(
      (
        await asAdmin('PATCH', '/api/v1/admin/plans/enterprise', {
          raw: '{nope',
          contentType: 'application/json',
        })
      ).status,
    ).toBe(400);
    expect(
      (await asAdmin('PATCH', '/api/v1/admin/plans/no-such-plan', { body: { maxInstances: 3 } }))
        .status,
    ).toBe(404);
    expect((await findRows(f.platform.db, plans, { id: 'enterprise' }))[0]).toEqual(before);
  });

  it('a plan edit is saved and audited on the platform chain', async () => {
    const [before] = await findRows(f.platform.db, plans, { id: 'enterprise' });
    const next = before!.maxInstances + 1;
    try {
      const res = await asAdmin('PATCH', '/api/v1/admin/plans/enterprise', {
        body: { maxInstances: next },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        plan: { id: 'enterprise', maxInstances: next },
        changed: { maxInstances: { from: before!.maxInstances, to: next } },
      });
      const audit = await asAdmin(
        'GET',
        '/api/v1/admin/audit?tenant=platform&action=plan.updated&limit=5',
      );
      const events = (
        audit.body as {
          events: Array<{
            tenant: unknown;
            target: { id: string };
            actor: { email: string };
            data: unknown;
          }>;
        }
      ).events;
      expect(events[0]).toMatchObject({
        tenant: null,
        target: { id: 'enterprise' },
        actor: { email: admin.email },
        data: { changed: { maxInstances: { to: next } } },
      });
    } finally {
      await asAdmin('PATCH', '/api/v1/admin/plans/enterprise', {
        body: { maxInstances: before!.maxInstances },
      });
    }
  });

  it("a tenant's plan change is validated, applied, and audited on the tenant's chain", async () => {
    const refused = await asAdmin('PATCH', `/api/v1/admin/tenants/${t.id}`, {
      body: { planId: 'free' },
    });
    // 7 days of retention do not fit the free plan's 1 day: refused, not silently shortened
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'limit_exceeded' } });
    expect(
      (await asAdmin('PATCH', `/api/v1/admin/tenants/${t.id}`, { body: { planId: 'nope' } }))
        .status,
    ).toBe(400);
    expect(
      (await asAdmin('PATCH', `/api/v1/admin/tenants/${t.id}`, { body: { plan: 'business' } }))
        .status,
    ).toBe(400);
    expect(
      (
        await asAdmin('PATCH', `/api/v1/admin/tenants/${randomUUID()}`, {
          body: { planId: 'business' },
        })
      ).status,
    ).toBe(404);
    expect((await findRows(f.platform.db, tenants, { id: t.id }))[0]?.planId).toBe('pro');

    const from = new Date(Date.now() - 60_000).toISOString().replace('Z', '+00:00');
    const ok = await asAdmin('PATCH', `/api/v1/admin/tenants/${t.id}`, {
      body: { planId: 'business' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ from: 'pro', to: 'business', changed: true });
    expect((await findRows(f.platform.db, tenants, { id: t.id }))[0]?.planId).toBe('business');

    const audit = await asAdmin(
      'GET',
      `/api/v1/admin/audit?tenant=${t.id}&action=tenant.plan_changed&from=${encodeURIComponent(from)}`,
    );
    expect(audit.status).toBe(200);
    expect((audit.body as { events: unknown[] }).events).toMatchObject([
      { tenant: { id: t.id, slug: t.slug }, data: { from: 'pro', to: 'business' } },
    ]);
    // and the tenant sees it in its own trail
    const own = await call(f.baseUrl, 'GET', '/api/v1/audit?action=tenant.plan_changed', {
      token: t.people.member.token,
    });
    expect((own.body as { events: unknown[] }).events).toHaveLength(1);

    // a prefix: every tenant.* action of that chain; `_` is a plain character, not a wildcard
    const family = await asAdmin('GET', `/api/v1/admin/audit?tenant=${t.id}&action=tenant.*`);
    const actions = (family.body as { events: Array<{ action: string }> }).events.map(
      (e) => e.action,
    );
    expect(actions).toContain('tenant.plan_changed');
    expect(actions.every((a) => a.startsWith('tenant.'))).toBe(true);
    const underscore = await asAdmin('GET', `/api/v1/admin/audit?tenant=${t.id}&action=tenant_*`);
    expect((underscore.body as { events: unknown[] }).events).toEqual([]);
    const ownFamily = await call(f.baseUrl, 'GET', '/api/v1/audit?action=tenant.*', {
      token: t.people.member.token,
    });
    expect(
      (ownFamily.body as { events: Array<{ action: string }> }).events.map((e) => e.action),
    ).toContain('tenant.plan_changed');
  });

  it('audit search validates its filters', async () => {
    for (const q of [
      '?from=2026-01-01T00:00:00',
      '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      '?tenant=acme',
      '?action=DROP%20TABLE',
      '?cursor=0',
    ]) {
      const res = await asAdmin('GET', `/api/v1/admin/audit${q}`);
      expect(res.status, q).toBe(400);
    }
    // the message names the field first: the admin search shows it under that field
    const bad = await asAdmin('GET', '/api/v1/admin/audit?to=2026-02-30T00:00:00Z');
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/^to: /);
  });
});
