import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, endSessionsOf, inTenantTx, users } from '@rewind/db';
import { call } from './api-call';
import { createScratchTenant, findRow, updateRows, type ScratchTenant } from '@rewind/db/testing';
import { browserHeaders, signIn, signOut } from './session';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Session cookies are 8-hour JWTs; the session version in the database ends them early.
 * Each case: the cookie works, something ends the person's sessions, the same cookie is 401.
 */
let f: StackFixtures;
let t: ScratchTenant;

const me = (cookie: string) => call(f.baseUrl, 'GET', '/api/v1/me', { headers: { cookie } });

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'sessions');
});
afterAll(async () => {
  await f?.close();
});

describe('session revocation', () => {
  it('sign-out ends the session: the same cookie is 401 afterwards', async () => {
    const cookie = await signIn(f.baseUrl, t.people.member.email, t.people.member.password);
    expect((await me(cookie)).status).toBe(200);
    await signOut(f.baseUrl, cookie);
    const after = await me(cookie);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: 'unauthenticated' } });
    // and the portal pages no longer see a session either
    const page = await fetch(`${f.baseUrl}/settings`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/signin');
    // signing in again works
    expect(
      (await me(await signIn(f.baseUrl, t.people.member.email, t.people.member.password))).status,
    ).toBe(200);
  });

  it('a password change ends every session of the person (other browsers too)', async () => {
    const p = t.people.admin2;
    const laptop = await signIn(f.baseUrl, p.email, p.password);
    const phone = await signIn(f.baseUrl, p.email, p.password);
    const wrong = await call(f.baseUrl, 'POST', '/api/v1/me/password', {
      headers: browserHeaders(f.baseUrl, laptop),
      body: { currentPassword: 'not-it', newPassword: 'a-new-password-123' },
    });
    expect(wrong.status).toBe(403);
    expect((await me(phone)).status).toBe(200);
    const changed = await call(f.baseUrl, 'POST', '/api/v1/me/password', {
      headers: browserHeaders(f.baseUrl, laptop),
      body: { currentPassword: p.password, newPassword: 'a-new-password-123' },
    });
    expect(changed.status).toBe(204);
    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
    await expect(signIn(f.baseUrl, p.email, p.password)).rejects.toThrow(/sign-in failed/);
    expect((await me(await signIn(f.baseUrl, p.email, 'a-new-password-123'))).status).toBe(200);
  });

  it("a password change needs a session: a bearer token cannot change its person's password", async () => {
    const res = await call(f.baseUrl, 'POST', '/api/v1/me/password', {
      token: t.people.owner.token,
      body: { currentPassword: t.people.owner.password, newPassword: 'token-tried-this-1' },
    });
    expect(res.status).toBe(403);
    expect(
      (await me(await signIn(f.baseUrl, t.people.owner.email, t.people.owner.password))).status,
    ).toBe(200);
  });

  it("removal from the tenant ends the removed person's sessions", async () => {
    const cookie = await signIn(f.baseUrl, t.people.admin.email, t.people.admin.password);
    expect((await me(cookie)).status).toBe(200);
    const removed = await call(f.baseUrl, 'DELETE', `/api/v1/members/${t.people.admin.id}`, {
      token: t.people.owner.token,
    });
    expect(removed.status).toBe(204);
    expect((await me(cookie)).status).toBe(401);
  });

  it("RLS: a tenant path can end only its own members' sessions, and change nothing else on users", async () => {
    const other = await createScratchTenant(f.platform.db, 'sessions-other');
    const app = createDb(f.env.CONTROL_DATABASE_URL, {
      max: 1,
      applicationName: 'rewind-web-tests',
    });
    const version = async (id: string) =>
      (await findRow(f.platform.db, users, { id })).sessionVersion;
    try {
      const before = await version(other.people.owner.id);
      await inTenantTx(app.db, { tenantId: t.id }, (tx) =>
        endSessionsOf(tx, other.people.owner.id),
      );
      expect(await version(other.people.owner.id)).toBe(before);
      const denied = await inTenantTx(app.db, { tenantId: t.id }, (tx) =>
        updateRows(tx, users, { id: t.people.member.id }, { passwordHash: 'x' }),
      ).catch((err: Error) => err);
      expect(String((denied as Error).cause ?? denied)).toMatch(
        /permission denied for table users/,
      );
      const mine = await version(t.people.member.id);
      await inTenantTx(app.db, { tenantId: t.id }, (tx) => endSessionsOf(tx, t.people.member.id));
      expect(await version(t.people.member.id)).toBe(mine + 1);
    } finally {
      await app.close();
    }
  });
});
