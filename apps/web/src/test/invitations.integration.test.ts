import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, invitations, inTenantTx, memberships, type DbHandle } from '@rewind/db';
import { call } from './api-call';
import { createScratchTenant, findRows, updateRows, type ScratchTenant } from '@rewind/db/testing';
import { browserHeaders, signIn } from './session';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Nobody becomes a member of a tenant without accepting: an owner's "add member" is an
 * invitation, answered the same for any email, that the invitee accepts signed in.
 * The inviting tenant's slug sorts before the invitee's own, so a default chosen by name
 * would move to it.
 */
let f: StackFixtures;
let host: ScratchTenant;
let home: ScratchTenant;
let app: DbHandle;
type Invited = {
  invitation: { id: string; email: string; role: string; expiresAt: string };
  acceptUrl: string;
};

const invite = (email: string, role = 'member', token = host.people.owner.token) =>
  call(f.baseUrl, 'POST', '/api/v1/members', { token, body: { email, role } });
const tokenOf = (body: unknown) => new URL((body as Invited).acceptUrl).pathname.split('/').pop()!;
const accept = (cookie: string, token: string) =>
  call(f.baseUrl, 'POST', '/api/v1/invitations/accept', {
    headers: browserHeaders(f.baseUrl, cookie),
    body: { token },
  });
const membershipsOf = async (userId: string) =>
  (await findRows(f.platform.db, memberships, { userId }, { orderBy: 'tenantId' })).map((m) => ({
    tenantId: m.tenantId,
    role: m.role,
  }));
const shape = (v: unknown): unknown =>
  v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
    : typeof v;

beforeAll(async () => {
  f = await stackFixtures();
  host = await createScratchTenant(f.platform.db, 'aa-host');
  home = await createScratchTenant(f.platform.db, 'zz-home');
  app = createDb(f.env.CONTROL_DATABASE_URL, { max: 1, applicationName: 'rewind-web-tests' });
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

describe('invitations', () => {
  it('inviting a user of another tenant changes nothing for them until they accept', async () => {
    const outsider = home.people.member;
    const before = await membershipsOf(outsider.id);
    const res = await invite(outsider.email);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      invitation: { email: outsider.email, role: 'member' },
      acceptUrl: expect.stringContaining('/invitations/'),
    });
    expect(await membershipsOf(outsider.id)).toEqual(before);
    const members = (
      await call(f.baseUrl, 'GET', '/api/v1/members', { token: host.people.owner.token })
    ).body as Array<{ email: string }>;
    expect(members.map((m) => m.email)).not.toContain(outsider.email);
  });

  it('a known and an unknown email get the same answer (no account enumeration)', async () => {
    const known = await invite(home.people.admin.email);
    const unknown = await invite(`nobody-${Date.now()}@nowhere.test`);
    expect(unknown.status).toBe(known.status);
    expect(shape(unknown.body)).toEqual(shape(known.body));
    expect(unknown.text).not.toMatch(/account|no rewind user/i);
  });

  it('the invitee accepts signed in; the audit trail shows both steps; the default tenant stays', async () => {
    const p = home.people.owner;
    const res = await invite(p.email, 'admin');
    const cookie = await signIn(f.baseUrl, p.email, p.password);
    const page = await fetch(`${f.baseUrl}/invitations/${tokenOf(res.body)}`, {
      headers: { cookie },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(host.slug.replace(/^t-/, 'Test '));

    const accepted = await accept(cookie, tokenOf(res.body));
    expect(accepted).toMatchObject({
      status: 200,
      body: { tenant: { id: host.id }, role: 'admin' },
    });
    expect(await membershipsOf(p.id)).toContainEqual({ tenantId: host.id, role: 'admin' });
    // no tenant cookie: the default is still the tenant they had before
    const me = await call(f.baseUrl, 'GET', '/api/v1/me', { headers: { cookie } });
    expect(me.body).toMatchObject({ tenant: { id: home.id } });
    const audit = (
      await call(f.baseUrl, 'GET', '/api/v1/audit?limit=100', { token: host.people.owner.token })
    ).body as { events: Array<{ action: string }> };
    expect(audit.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.invited', 'member.invitation_accepted']),
    );
    // a link works once
    expect((await accept(cookie, tokenOf(res.body))).status).toBe(409);
  });

  it('someone else holding the link finds nothing, and a bearer token cannot accept', async () => {
    const res = await invite(home.people.admin2.email);
    const stranger = await signIn(f.baseUrl, home.people.member.email, home.people.member.password);
    const taken = await accept(stranger, tokenOf(res.body));
    expect(taken).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(taken.text).not.toContain(host.id);
    const page = await fetch(`${f.baseUrl}/invitations/${tokenOf(res.body)}`, {
      headers: { cookie: stranger },
    });
    expect(await page.text()).not.toContain(host.slug.replace(/^t-/, 'Test '));
    const viaToken = await call(f.baseUrl, 'POST', '/api/v1/invitations/accept', {
      token: home.people.admin2.token,
      body: { token: tokenOf(res.body) },
    });
    expect(viaToken.status).toBe(403);
    expect(await membershipsOf(home.people.admin2.id)).toHaveLength(1);
  });

  it('an expired invitation cannot be accepted; unknown and malformed tokens are 404/400', async () => {
    const p = home.people.admin2;
    const res = await invite(p.email, 'owner');
    await updateRows(
      f.platform.db,
      invitations,
      { id: (res.body as Invited).invitation.id },
      { expiresAt: new Date(Date.now() - 60_000) },
    );
    const cookie = await signIn(f.baseUrl, p.email, p.password);
    expect((await accept(cookie, tokenOf(res.body))).status).toBe(409);
    expect((await accept(cookie, `rwi_${'A'.repeat(40)}`)).status).toBe(404);
    expect((await accept(cookie, "'; drop table invitations;--")).status).toBe(400);
    expect(await membershipsOf(p.id)).toHaveLength(1);
  });

  it('a link without a session leads to sign-in and back', async () => {
    const res = await fetch(`${f.baseUrl}/invitations/rwi_${'B'.repeat(40)}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toContain(
      `/signin?callbackUrl=${encodeURIComponent(`/invitations/rwi_${'B'.repeat(40)}`)}`,
    );
  });

  it('RLS: another tenant sees none of the invitations', async () => {
    const rows = await inTenantTx(app.db, { tenantId: home.id }, (tx) =>
      findRows(tx, invitations, { tenantId: host.id }),
    );
    expect(rows).toEqual([]);
    const own = await inTenantTx(app.db, { tenantId: host.id }, (tx) =>
      findRows(tx, invitations, { tenantId: host.id }),
    );
    expect(own.length).toBeGreaterThan(0);
  });
});
