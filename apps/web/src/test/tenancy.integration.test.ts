import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceRecord, inTenantTx } from '@rewind/db';
import { createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import { call } from './api-call';
import { browserHeaders, signIn } from './session';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

let f: StackFixtures;
let t: ScratchTenant;
let instanceId: string;
const api = (method: string, path: string, o: Parameters<typeof call>[3] = {}) =>
  call(f.baseUrl, method, path, o);

async function actions(): Promise<string[]> {
  const res = await api('GET', '/api/v1/audit?limit=500', { token: t.people.owner.token });
  expect(res.status).toBe(200);
  return (res.body as { events: Array<{ action: string }> }).events.map((e) => e.action);
}

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'tenancy');
  const row = await inTenantTx(f.platform.db, { tenantId: t.id }, (tx) =>
    createInstanceRecord(tx, {
      tenantId: t.id,
      name: 'held',
      secretKey: f.env.REWIND_SECRET_KEY,
      hostId: f.env.REWIND_HOST_ID,
    }),
  );
  instanceId = row.id;
});
afterAll(async () => {
  await f?.close();
});

describe('tenant settings', () => {
  it('reads settings with the plan bound; members may read', async () => {
    const res = await api('GET', '/api/v1/tenant', { token: t.people.member.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: t.id,
      retentionDays: 7,
      approvalPolicy: 'replace_only',
      plan: { id: 'pro' },
    });
  });

  it('retention beyond the plan is 422 with the bound; within it is saved and audited', async () => {
    const max = (
      (await api('GET', '/api/v1/tenant', { token: t.people.owner.token })).body as {
        plan: { retentionDaysMax: number };
      }
    ).plan.retentionDaysMax;
    const over = await api('PATCH', '/api/v1/tenant', {
      token: t.people.owner.token,
      body: { retentionDays: max + 1 },
    });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ error: { code: 'limit_exceeded', details: { max } } });
    const ok = await api('PATCH', '/api/v1/tenant', {
      token: t.people.admin.token,
      body: { retentionDays: max - 1, approvalPolicy: 'all_restores' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ retentionDays: max - 1, approvalPolicy: 'all_restores' });
    expect(await actions()).toEqual(
      expect.arrayContaining(['tenant.retention_changed', 'tenant.approval_policy_changed']),
    );
  });

  it('members cannot change settings', async () => {
    const res = await api('PATCH', '/api/v1/tenant', {
      token: t.people.member.token,
      body: { retentionDays: 1 },
    });
    expect(res.status).toBe(403);
  });
});

describe('legal hold', () => {
  it('owner/admin set and release it (audited); members are refused', async () => {
    expect(
      (
        await api('PATCH', `/api/v1/instances/${instanceId}`, {
          token: t.people.member.token,
          body: { legalHold: true },
        })
      ).status,
    ).toBe(403);
    const on = await api('PATCH', `/api/v1/instances/${instanceId}`, {
      token: t.people.admin.token,
      body: { legalHold: true },
    });
    expect(on).toMatchObject({ status: 200, body: { id: instanceId, legalHold: true } });
    const off = await api('PATCH', `/api/v1/instances/${instanceId}`, {
      token: t.people.owner.token,
      body: { legalHold: false },
    });
    expect(off.body).toMatchObject({ legalHold: false });
    expect(await actions()).toEqual(
      expect.arrayContaining(['instance.legal_hold_set', 'instance.legal_hold_released']),
    );
  });

  it('opening the instance detail reveals nothing; each password fetch is audited', async () => {
    const opened = await api('GET', `/api/v1/instances/${instanceId}`, {
      token: t.people.owner.token,
    });
    expect(opened.text).not.toContain('password');
    const reveals = async () =>
      (await actions()).filter((a) => a === 'instance.password_revealed').length;
    expect(await reveals()).toBe(0);
    for (let i = 0; i < 2; i++)
      expect(
        (
          await api('POST', `/api/v1/instances/${instanceId}/password`, {
            token: t.people.owner.token,
          })
        ).status,
      ).toBe(200);
    expect(await reveals()).toBe(2);
  });
});

describe('API tokens (owner only)', () => {
  it('create shows the secret once; list shows prefix, last use and revocation; revoke stops it', async () => {
    expect((await api('GET', '/api/v1/tokens', { token: t.people.admin.token })).status).toBe(403);
    const created = await api('POST', '/api/v1/tokens', {
      token: t.people.owner.token,
      body: { name: 'ci deploys', scopes: ['instance:read'] },
    });
    expect(created.status).toBe(201);
    const { id, token, prefix } = created.body as { id: string; token: string; prefix: string };
    expect(token.startsWith(prefix)).toBe(true);

    expect((await api('GET', '/api/v1/instances', { token })).status).toBe(200);
    // scoped: instance:read only
    expect((await api('GET', '/api/v1/audit', { token })).status).toBe(403);

    const list = await api('GET', '/api/v1/tokens', { token: t.people.owner.token });
    expect(list.text).not.toContain(token);
    const mine = (
      list.body as Array<{
        id: string;
        prefix: string;
        lastUsedAt: string | null;
        revokedAt: string | null;
      }>
    ).find((x) => x.id === id);
    expect(mine).toMatchObject({ prefix, revokedAt: null });
    expect(mine?.lastUsedAt).not.toBeNull();

    expect(
      (await api('DELETE', `/api/v1/tokens/${id}`, { token: t.people.owner.token })).status,
    ).toBe(204);
    expect((await api('GET', '/api/v1/instances', { token })).status).toBe(401);
    const after = (await api('GET', '/api/v1/tokens', { token: t.people.owner.token }))
      .body as Array<{ id: string; revokedAt: string | null }>;
    expect(after.find((x) => x.id === id)?.revokedAt).not.toBeNull();
    expect(await actions()).toEqual(
      expect.arrayContaining(['token.created', 'token.used', 'token.revoked']),
    );
  });
});

describe('members', () => {
  it('lists members; owner invites by email (same answer for an unknown one), the invitee accepts, the owner changes the role and removes them', async () => {
    const list = await api('GET', '/api/v1/members', { token: t.people.member.token });
    expect((list.body as unknown[]).length).toBe(4);
    const add = await api('POST', '/api/v1/members', {
      token: t.people.owner.token,
      body: { email: 'member@globex.test', role: 'member' },
    });
    expect(add.status).toBe(202);
    const unknown = await api('POST', '/api/v1/members', {
      token: t.people.owner.token,
      body: { email: 'nobody@nowhere.test', role: 'member' },
    });
    expect(unknown.status).toBe(202);
    expect(
      (
        await api('POST', '/api/v1/members', {
          token: t.people.admin.token,
          body: { email: 'owner@globex.test', role: 'member' },
        })
      ).status,
    ).toBe(403);
    // not a member until they accept
    expect(
      ((await api('GET', '/api/v1/members', { token: t.people.owner.token })).body as unknown[])
        .length,
    ).toBe(4);

    const cookie = await signIn(f.baseUrl, 'member@globex.test', 'globex-member-demo');
    const token = new URL((add.body as { acceptUrl: string }).acceptUrl).pathname.split('/').pop();
    const accepted = await api('POST', '/api/v1/invitations/accept', {
      headers: browserHeaders(f.baseUrl, cookie),
      body: { token },
    });
    expect(accepted).toMatchObject({ status: 200, body: { tenant: { id: t.id }, role: 'member' } });
    const userId = f.demo.users.find((u) => u.email === 'member@globex.test')!.id;
    expect(
      (
        await api('POST', '/api/v1/members', {
          token: t.people.owner.token,
          body: { email: 'member@globex.test', role: 'admin' },
        })
      ).status,
    ).toBe(409);

    const patch = await api('PATCH', `/api/v1/members/${userId}`, {
      token: t.people.owner.token,
      body: { role: 'admin' },
    });
    expect(patch).toMatchObject({ status: 200, body: { role: 'admin' } });
    expect(
      (await api('DELETE', `/api/v1/members/${userId}`, { token: t.people.owner.token })).status,
    ).toBe(204);
    expect(await actions()).toEqual(
      expect.arrayContaining([
        'member.invited',
        'member.invitation_accepted',
        'member.role_changed',
        'member.removed',
      ]),
    );
  });

  it('the last owner can be neither demoted nor removed', async () => {
    const demote = await api('PATCH', `/api/v1/members/${t.people.owner.id}`, {
      token: t.people.owner.token,
      body: { role: 'admin' },
    });
    expect(demote.status).toBe(409);
    expect((demote.body as { error: { message: string } }).error.message).toMatch(/last owner/);
    expect(
      (await api('DELETE', `/api/v1/members/${t.people.owner.id}`, { token: t.people.owner.token }))
        .status,
    ).toBe(409);
  });
});

describe('audit API', () => {
  it('filters by action, instance and time, and pages with a cursor', async () => {
    const byAction = await api('GET', '/api/v1/audit?action=instance.legal_hold_set', {
      token: t.people.member.token,
    });
    expect(
      (byAction.body as { events: Array<{ action: string }> }).events.map((e) => e.action),
    ).toEqual(['instance.legal_hold_set']);
    const byInstance = await api('GET', `/api/v1/audit?instanceId=${instanceId}`, {
      token: t.people.member.token,
    });
    const events = (byInstance.body as { events: Array<{ target: { id: string } | null }> }).events;
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.every((e) => e.target?.id === instanceId)).toBe(true);
    const future = await api(
      'GET',
      `/api/v1/audit?from=${encodeURIComponent('2999-01-01T00:00:00+02:00')}`,
      { token: t.people.member.token },
    );
    expect((future.body as { events: unknown[] }).events).toEqual([]);

    const page1 = (await api('GET', '/api/v1/audit?limit=2', { token: t.people.member.token }))
      .body as { events: Array<{ seq: number }>; nextCursor: string };
    expect(page1.events).toHaveLength(2);
    const page2 = (
      await api('GET', `/api/v1/audit?limit=2&cursor=${page1.nextCursor}`, {
        token: t.people.member.token,
      })
    ).body as { events: Array<{ seq: number }> };
    expect(page2.events[0]!.seq).toBe(page1.events[1]!.seq - 1);
  });

  it('verify reports an intact chain', async () => {
    const res = await api('GET', '/api/v1/audit/verify', { token: t.people.member.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true });
    expect((res.body as { checked: number }).checked).toBeGreaterThan(5);
  });
});
