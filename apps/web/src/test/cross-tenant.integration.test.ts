import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './api-call';
import {
  acmeTargets,
  listApiRoutes,
  snapshotTenant,
  type AcmeTargets,
} from './acme-globex-fixtures';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Tenant B (globex) aims at tenant A (acme) on every route: with A's ids it must get 404 (the
 * row does not exist for B), with the tenant header it must get 403, and A's rows must be
 * exactly as before. A new route without a case here fails the coverage test.
 */
let f: StackFixtures;
let a: AcmeTargets;
let bOwner: string;
let bMember: string;
let before: Record<string, unknown>;

interface Case {
  route: string;
  path: () => string;
  body?: unknown;
}

const reason = { reason: 'cross-tenant attempt' };
const restoreBody = { target: { time: '2026-01-01T00:00:00Z' }, mode: 'clone' };

/** Routes addressing one of A's resources by id: B gets 404. */
const byId: Case[] = [
  { route: 'GET /api/v1/instances/[id]', path: () => `/api/v1/instances/${a.instanceId}` },
  {
    route: 'DELETE /api/v1/alerts/webhooks/[id]',
    path: () => `/api/v1/alerts/webhooks/${a.webhookId}`,
  },
  {
    route: 'PATCH /api/v1/instances/[id]',
    path: () => `/api/v1/instances/${a.instanceId}`,
    body: { legalHold: true },
  },
  { route: 'DELETE /api/v1/instances/[id]', path: () => `/api/v1/instances/${a.instanceId}` },
  {
    route: 'POST /api/v1/instances/[id]/extend',
    path: () => `/api/v1/instances/${a.instanceId}/extend`,
    body: { expiresAt: '2099-01-01T00:00:00Z' },
  },
  {
    route: 'POST /api/v1/instances/[id]/keep',
    path: () => `/api/v1/instances/${a.instanceId}/keep`,
  },
  {
    route: 'POST /api/v1/instances/[id]/password',
    path: () => `/api/v1/instances/${a.instanceId}/password`,
  },
  {
    route: 'POST /api/v1/instances/[id]/stop',
    path: () => `/api/v1/instances/${a.instanceId}/stop`,
  },
  {
    route: 'POST /api/v1/instances/[id]/start',
    path: () => `/api/v1/instances/${a.instanceId}/start`,
  },
  {
    route: 'POST /api/v1/instances/[id]/restores',
    path: () => `/api/v1/instances/${a.instanceId}/restores`,
    body: restoreBody,
  },
  {
    route: 'POST /api/v1/instances/[id]/restores/preflight',
    path: () => `/api/v1/instances/${a.instanceId}/restores/preflight`,
    body: restoreBody,
  },
  {
    route: 'POST /api/v1/instances/[id]/backups',
    path: () => `/api/v1/instances/${a.instanceId}/backups`,
    body: {},
  },
  {
    route: 'GET /api/v1/instances/[id]/backups',
    path: () => `/api/v1/instances/${a.instanceId}/backups`,
  },
  {
    route: 'GET /api/v1/instances/[id]/wal-events',
    path: () =>
      `/api/v1/instances/${a.instanceId}/wal-events?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`,
  },
  {
    route: 'POST /api/v1/instances/[id]/time-travel',
    path: () => `/api/v1/instances/${a.instanceId}/time-travel`,
    body: { target: { time: '2026-01-01T00:00:00Z' } },
  },
  {
    route: 'POST /api/v1/instances/[id]/query',
    path: () => `/api/v1/instances/${a.instanceId}/query`,
    body: { sql: 'select 1' },
  },
  {
    route: 'POST /api/v1/instances/[id]/table-restores',
    path: () => `/api/v1/instances/${a.instanceId}/table-restores`,
    body: { target: { time: '2026-01-01T00:00:00Z' }, tables: ['orders'] },
  },
  {
    route: 'GET /api/v1/instances/[id]/drills',
    path: () => `/api/v1/instances/${a.instanceId}/drills`,
  },
  {
    route: 'GET /api/v1/instances/[id]/repository-checks',
    path: () => `/api/v1/instances/${a.instanceId}/repository-checks`,
  },
  {
    route: 'GET /api/v1/instances/[id]/recoverability',
    path: () => `/api/v1/instances/${a.instanceId}/recoverability?range=7d`,
  },
  {
    route: 'GET /api/v1/instances/[id]/restores',
    path: () => `/api/v1/instances/${a.instanceId}/restores`,
  },
  {
    route: 'GET /api/v1/instances/[id]/validation-queries',
    path: () => `/api/v1/instances/${a.validationQuery.instanceId}/validation-queries`,
  },
  {
    route: 'POST /api/v1/instances/[id]/validation-queries',
    path: () => `/api/v1/instances/${a.instanceId}/validation-queries`,
    body: { name: 'stolen', sql: 'select count(*) from orders' },
  },
  {
    route: 'DELETE /api/v1/instances/[id]/validation-queries/[queryId]',
    path: () =>
      `/api/v1/instances/${a.validationQuery.instanceId}/validation-queries/${a.validationQuery.id}`,
  },
  { route: 'GET /api/v1/restores/[id]', path: () => `/api/v1/restores/${a.restoreId}` },
  { route: 'GET /api/v1/restores/[id]/diff', path: () => `/api/v1/restores/${a.restoreId}/diff` },
  {
    route: 'POST /api/v1/restores/[id]/approve',
    path: () => `/api/v1/restores/${a.restoreId}/approve`,
    body: reason,
  },
  {
    route: 'POST /api/v1/restores/[id]/reject',
    path: () => `/api/v1/restores/${a.restoreId}/reject`,
    body: reason,
  },
  {
    route: 'POST /api/v1/restores/[id]/cancel',
    path: () => `/api/v1/restores/${a.restoreId}/cancel`,
    body: reason,
  },
  {
    route: 'POST /api/v1/restores/[id]/cutover',
    path: () => `/api/v1/restores/${a.restoreId}/cutover`,
  },
  {
    route: 'POST /api/v1/restores/[id]/undo',
    path: () => `/api/v1/restores/${a.restoreId}/undo`,
    body: reason,
  },
  { route: 'DELETE /api/v1/tokens/[id]', path: () => `/api/v1/tokens/${a.tokenId}` },
  {
    route: 'PATCH /api/v1/members/[userId]',
    path: () => `/api/v1/members/${a.memberUserId}`,
    body: { role: 'owner' },
  },
  { route: 'DELETE /api/v1/members/[userId]', path: () => `/api/v1/members/${a.memberUserId}` },
];

/**
 * The platform-admin surface: every tenant token (even aimed at A with the tenant header) gets
 * 404, whether the route names one of A's rows or lists across tenants; nothing changes.
 */
const adminRoutes: Case[] = [
  {
    route: 'POST /api/v1/admin/restores/[id]/approve',
    path: () => `/api/v1/admin/restores/${a.restoreId}/approve`,
    body: reason,
  },
  {
    route: 'POST /api/v1/admin/restores/[id]/reject',
    path: () => `/api/v1/admin/restores/${a.restoreId}/reject`,
    body: reason,
  },
  {
    route: 'GET /api/v1/admin/restores',
    path: () => '/api/v1/admin/restores?status=pending_approval',
  },
  { route: 'GET /api/v1/admin/drills', path: () => '/api/v1/admin/drills' },
  { route: 'GET /api/v1/admin/alerts', path: () => '/api/v1/admin/alerts' },
  { route: 'GET /api/v1/admin/fleet', path: () => '/api/v1/admin/fleet' },
  {
    route: 'GET /api/v1/admin/recoverability',
    path: () => '/api/v1/admin/recoverability?range=30d',
  },
  { route: 'GET /api/v1/admin/tenants', path: () => '/api/v1/admin/tenants' },
  {
    route: 'PATCH /api/v1/admin/tenants/[id]',
    path: () => `/api/v1/admin/tenants/${a.tenantId}`,
    body: { planId: 'free' },
  },
  { route: 'GET /api/v1/admin/plans', path: () => '/api/v1/admin/plans' },
  {
    route: 'PATCH /api/v1/admin/plans/[id]',
    path: () => '/api/v1/admin/plans/pro',
    body: { maxInstances: 1 },
  },
  { route: 'GET /api/v1/admin/audit', path: () => `/api/v1/admin/audit?tenant=${a.tenantId}` },
];

/** Tenant-wide routes: B's token pointed at A with the tenant header gets 403. */
const collections: Case[] = [
  { route: 'GET /api/v1/me', path: () => '/api/v1/me' },
  { route: 'GET /api/v1/instances', path: () => '/api/v1/instances' },
  { route: 'POST /api/v1/instances', path: () => '/api/v1/instances', body: { name: 'stolen' } },
  { route: 'GET /api/v1/restores', path: () => '/api/v1/restores' },
  { route: 'GET /api/v1/audit', path: () => '/api/v1/audit' },
  { route: 'GET /api/v1/audit/verify', path: () => '/api/v1/audit/verify' },
  { route: 'GET /api/v1/tenant', path: () => '/api/v1/tenant' },
  { route: 'PATCH /api/v1/tenant', path: () => '/api/v1/tenant', body: { retentionDays: 1 } },
  { route: 'GET /api/v1/tokens', path: () => '/api/v1/tokens' },
  { route: 'POST /api/v1/tokens', path: () => '/api/v1/tokens', body: { name: 'stolen' } },
  { route: 'GET /api/v1/members', path: () => '/api/v1/members' },
  { route: 'GET /api/v1/alerts', path: () => '/api/v1/alerts' },
  { route: 'GET /api/v1/alerts/webhooks', path: () => '/api/v1/alerts/webhooks' },
  {
    route: 'POST /api/v1/alerts/webhooks',
    path: () => '/api/v1/alerts/webhooks',
    body: { url: 'http://127.0.0.1:9/stolen' },
  },
  {
    route: 'GET /api/v1/alerts/webhooks/deliveries',
    path: () => '/api/v1/alerts/webhooks/deliveries',
  },
  {
    route: 'POST /api/v1/members',
    path: () => '/api/v1/members',
    body: { email: 'owner@globex.test', role: 'owner' },
  },
  // person-only routes: no tenant token may use them at all (403 with or without the header)
  {
    route: 'POST /api/v1/invitations/accept',
    path: () => '/api/v1/invitations/accept',
    body: { token: `rwi_${'A'.repeat(40)}` },
  },
  {
    route: 'POST /api/v1/me/password',
    path: () => '/api/v1/me/password',
    body: { currentPassword: 'x', newPassword: 'cross-tenant-try' },
  },
];

const method = (route: string) => route.split(' ')[0]!;
// Cases for routes other engineers are still adding run once the route exists.
const existing = new Set(listApiRoutes());
const live = (cases: Case[]) => cases.filter((c) => existing.has(c.route));

beforeAll(async () => {
  f = await stackFixtures();
  a = await acmeTargets(f);
  bOwner = await f.ownerToken('globex');
  const gMember = f.demo.users.find((u) => u.email === 'member@globex.test')!;
  const globex = f.demo.tenants.find((t) => t.slug === 'globex')!;
  const { createApiTokenRecord, inTenantTx } = await import('@rewind/db');
  bMember = (
    await inTenantTx(f.platform.db, { tenantId: globex.id }, (tx) =>
      createApiTokenRecord(tx, {
        tenantId: globex.id,
        userId: gMember.id,
        name: `web integration test member ${Date.now()}`,
      }),
    )
  ).token;
  before = await snapshotTenant(f.platform, a);
});
afterAll(async () => {
  await f?.close();
});

describe('cross-tenant isolation (globex → acme)', () => {
  it('every /api/v1 route has a cross-tenant case', () => {
    const covered = new Set([...byId, ...adminRoutes, ...collections].map((c) => c.route));
    const missing = listApiRoutes().filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
  });

  it.each(live(byId).map((c) => [c.route, c] as const))(
    '%s with acme ids → 404 for globex owner and member',
    async (_route, c) => {
      for (const token of [bOwner, bMember]) {
        const res = await call(f.baseUrl, method(c.route), c.path(), { token, body: c.body });
        expect([403, 404]).toContain(res.status);
        // the admin surface and every tenant row answer 404: nothing to learn about existence
        if (token === bOwner) expect(res.status).toBe(404);
        expect(res.body).toMatchObject({
          error: { code: expect.any(String), message: expect.any(String) },
        });
        expect(res.text).not.toContain(a.tenantId);
      }
    },
  );

  it.each(live(adminRoutes).map((c) => [c.route, c] as const))(
    '%s (admin) → 404 for globex tokens, with or without x-rewind-tenant',
    async (_route, c) => {
      for (const token of [bOwner, bMember]) {
        for (const headers of [{}, { 'x-rewind-tenant': 'acme' }] as Record<string, string>[]) {
          const res = await call(f.baseUrl, method(c.route), c.path(), {
            token,
            body: c.body,
            headers,
          });
          expect(res.status).toBe(404);
          expect(res.body).toMatchObject({
            error: { code: 'not_found', message: expect.any(String) },
          });
          expect(res.text).not.toContain(a.tenantId);
        }
      }
    },
  );

  it.each(live(collections).map((c) => [c.route, c] as const))(
    '%s with x-rewind-tenant: acme → 403',
    async (_route, c) => {
      const res = await call(f.baseUrl, method(c.route), c.path(), {
        token: bOwner,
        body: c.body,
        headers: { 'x-rewind-tenant': 'acme' },
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    },
  );

  it.each(
    live(collections)
      .filter((c) => method(c.route) === 'GET')
      .map((c) => [c.route, c] as const),
  )('%s as globex shows none of acme', async (_route, c) => {
    const res = await call(f.baseUrl, 'GET', c.path(), { token: bOwner });
    expect(res.status).toBeLessThan(500);
    for (const id of [a.tenantId, a.instanceId, a.restoreId, a.tokenId, a.memberUserId])
      expect(res.text).not.toContain(id);
    expect(res.text).not.toContain('acme');
  });

  it("acme's rows are unchanged afterwards", async () => {
    expect(await snapshotTenant(f.platform, a)).toEqual(before);
  });
});
