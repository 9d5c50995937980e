import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './api-call';
import { loginAttempts } from '@rewind/db';
import { createScratchTenant, findRows, type ScratchTenant } from '@rewind/db/testing';
import { signInFlow } from './session';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * The audit trail's client address. The test stack has no proxy in front of the web and
 * REWIND_TRUSTED_PROXIES is empty, so the socket peer (loopback) is the only truth: forged
 * X-Forwarded-For and forged copies of the peer header must not reach the trail.
 */
let f: StackFixtures;
let t: ScratchTenant;
const forged = {
  'x-forwarded-for': '6.6.6.6, 7.7.7.7',
  'x-real-ip': '8.8.8.8',
  'x-rewind-peer-address': '9.9.9.9',
};

async function lastIp(action: string): Promise<unknown> {
  const res = await call(f.baseUrl, 'GET', `/api/v1/audit?action=${action}&limit=1`, {
    token: t.people.owner.token,
  });
  return (res.body as { events: Array<{ data: { ip?: unknown } }> }).events[0]?.data.ip;
}

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'client-ip');
});
afterAll(async () => {
  await f?.close();
});

describe('client IP in the audit trail', () => {
  it('a sign-in with forged forwarding headers is recorded with the socket address', async () => {
    await signInFlow(f.baseUrl, t.people.member.email, t.people.member.password, undefined, forged);
    expect(await lastIp('auth.login_succeeded')).toBe('127.0.0.1');
    const attempts = await findRows(f.platform.db, loginAttempts, { email: t.people.member.email });
    expect(attempts.map((r) => r.ip)).toEqual(['127.0.0.1']);
  });

  it('a token use with forged forwarding headers is recorded with the socket address', async () => {
    const res = await call(f.baseUrl, 'GET', '/api/v1/me', {
      token: t.people.admin.token,
      headers: forged,
    });
    expect(res.status).toBe(200);
    expect(await lastIp('token.used')).toBe('127.0.0.1');
  });
});
