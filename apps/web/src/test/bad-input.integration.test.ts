import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type CallOptions } from './api-call';
import { signIn } from './session';
import { acmeTargets, snapshotTenant, type AcmeTargets } from './acme-globex-fixtures';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/** Malformed requests from a legitimate owner: always a 4xx JSON error, never a change. */
let f: StackFixtures;
let a: AcmeTargets;
let token: string;
let before: Record<string, unknown>;

const INJECTION = "x'; drop table tenants;--";
type Bad = [label: string, method: string, path: () => string, options: CallOptions];

const cases: Bad[] = [
  ['oversize body (70 KB)', 'POST', () => '/api/v1/instances', { raw: JSON.stringify({ name: 'a'.repeat(70_000) }) }],
  ['wrong content-type', 'POST', () => '/api/v1/instances', { raw: '{"name":"ok-name"}', contentType: 'text/plain' }],
  ['no content-type', 'POST', () => '/api/v1/tokens', { raw: '{"name":"x"}', contentType: null }],
  ['invalid JSON', 'POST', () => '/api/v1/instances', { raw: '{"name": ' }],
  ['JSON array body', 'POST', () => '/api/v1/instances', { body: [{ name: 'arr' }] }],
  ['name of the wrong type', 'POST', () => '/api/v1/instances', { body: { name: 42 } }],
  ['SQL injection in an instance name', 'POST', () => '/api/v1/instances', { body: { name: INJECTION } }],
  ['unknown field on create', 'POST', () => '/api/v1/instances', { body: { name: 'fine-name', tenantId: 'other' } }],
  ['negative retention', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: -1 } }],
  ['huge retention', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: 1e300 } }],
  ['fractional retention', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: 3.5 } }],
  ['retention as a string', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: '7' } }],
  ['unknown approval policy', 'PATCH', () => '/api/v1/tenant', { body: { approvalPolicy: 'never' } }],
  ['plan escalation via unknown field', 'PATCH', () => '/api/v1/tenant', { body: { planId: 'enterprise' } }],
  ['empty settings patch', 'PATCH', () => '/api/v1/tenant', { body: {} }],
  ['legal hold as a string', 'PATCH', () => `/api/v1/instances/${a.instanceId}`, { body: { legalHold: 'yes' } }],
  ['malformed instance id', 'PATCH', () => `/api/v1/instances/${encodeURIComponent(INJECTION)}`, { body: { legalHold: true } }],
  ['empty token name', 'POST', () => '/api/v1/tokens', { body: { name: '   ' } }],
  ['token name too long', 'POST', () => '/api/v1/tokens', { body: { name: 'n'.repeat(101) } }],
  ['unknown token scope', 'POST', () => '/api/v1/tokens', { body: { name: 'scoped', scopes: ['root'] } }],
  ['malformed token id', 'DELETE', () => '/api/v1/tokens/1%20or%201=1', {}],
  ['member email not an email', 'POST', () => '/api/v1/members', { body: { email: INJECTION, role: 'member' } }],
  ['unknown member role', 'POST', () => '/api/v1/members', { body: { email: 'member@globex.test', role: 'superuser' } }],
  ['role change to an unknown role', 'PATCH', () => `/api/v1/members/${a.memberUserId}`, { body: { role: 'god' } }],
  ['audit: date without time', 'GET', () => '/api/v1/audit?from=2026-01-01', {}],
  ['audit: time without offset', 'GET', () => '/api/v1/audit?from=2026-01-01T00:00:00', {}],
  ['audit: impossible date', 'GET', () => '/api/v1/audit?to=2026-02-30T00:00:00Z', {}],
  ['audit: from after to', 'GET', () => '/api/v1/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', {}],
  ['audit: negative limit', 'GET', () => '/api/v1/audit?limit=-5', {}],
  ['audit: huge limit', 'GET', () => '/api/v1/audit?limit=100000', {}],
  ['audit: non-numeric cursor', 'GET', () => '/api/v1/audit?cursor=abc', {}],
  ['audit: unknown parameter', 'GET', () => '/api/v1/audit?form=2026-01-01T00:00:00Z', {}],
  ['audit: repeated parameter', 'GET', () => '/api/v1/audit?limit=1&limit=2', {}],
  ['audit: injection in instanceId', 'GET', () => `/api/v1/audit?instanceId=${encodeURIComponent("' or 1=1--")}`, {}],
  ['audit: injection in action', 'GET', () => `/api/v1/audit?action=${encodeURIComponent(INJECTION)}`, {}],
  ['approval without reason', 'POST', () => `/api/v1/restores/${a.restoreId}/approve`, { body: {} }],
  ['approval with empty reason', 'POST', () => `/api/v1/restores/${a.restoreId}/approve`, { body: { reason: '  ' } }],
  ['approval reason over 500 chars', 'POST', () => `/api/v1/restores/${a.restoreId}/reject`, { body: { reason: 'r'.repeat(501) } }],
  ['approval reason of the wrong type', 'POST', () => `/api/v1/restores/${a.restoreId}/approve`, { body: { reason: ['a'] } }],
  ['invite: email with CR/LF', 'POST', () => '/api/v1/members', { body: { email: 'a@b.test\r\nBcc: c@d.test', role: 'member' } }],
  ['invite: email as an array', 'POST', () => '/api/v1/members', { body: { email: ['member@globex.test'], role: 'member' } }],
  ['invite: email over 320 chars', 'POST', () => '/api/v1/members', { body: { email: `${'e'.repeat(320)}@x.test`, role: 'member' } }],
  ['invite: no role', 'POST', () => '/api/v1/members', { body: { email: 'member@globex.test' } }],
  ['invite: unknown field (tenantId)', 'POST', () => '/api/v1/members', { body: { email: 'member@globex.test', role: 'member', tenantId: 'x' } }],
  ['accept invitation with an API token', 'POST', () => '/api/v1/invitations/accept', { body: { token: `rwi_${'A'.repeat(40)}` } }],
  ['change password with an API token', 'POST', () => '/api/v1/me/password', { body: { currentPassword: 'acme-owner-demo', newPassword: 'token-took-over-1' } }],
];

/**
 * The same, signed in as acme's owner in a browser: person-only routes with bad bodies, and
 * forged cross-site writes (CSRF) carrying the session cookie.
 */
type SessionBad = [label: string, method: string, path: () => string, options: CallOptions, headers: () => Record<string, string>];
let cookie: string;
const own = () => ({ cookie, origin: new URL(f.baseUrl).origin });
const sameSiteOtherPort = () => {
  const u = new URL(f.baseUrl);
  return { cookie, origin: `${u.protocol}//${u.hostname}:${Number(u.port) + 1}`, 'sec-fetch-site': 'same-site' };
};
const sessionCases: SessionBad[] = [
  ['accept: malformed token', 'POST', () => '/api/v1/invitations/accept', { body: { token: 'rwi_short' } }, own],
  ['accept: token of the wrong type', 'POST', () => '/api/v1/invitations/accept', { body: { token: 42 } }, own],
  ['accept: token as an array', 'POST', () => '/api/v1/invitations/accept', { body: { token: [`rwi_${'A'.repeat(40)}`] } }, own],
  ['accept: SQL injection as token', 'POST', () => '/api/v1/invitations/accept', { body: { token: INJECTION } }, own],
  ['accept: empty body', 'POST', () => '/api/v1/invitations/accept', { body: {} }, own],
  ['accept: unknown field', 'POST', () => '/api/v1/invitations/accept', { body: { token: `rwi_${'A'.repeat(40)}`, role: 'owner' } }, own],
  ['accept: unknown well-formed token', 'POST', () => '/api/v1/invitations/accept', { body: { token: `rwi_${'Z'.repeat(40)}` } }, own],
  ['accept: text/plain body', 'POST', () => '/api/v1/invitations/accept', { raw: `{"token":"rwi_${'A'.repeat(40)}"}`, contentType: 'text/plain' }, own],
  ['password: new one too short', 'POST', () => '/api/v1/me/password', { body: { currentPassword: 'acme-owner-demo', newPassword: 'short' } }, own],
  ['password: current one wrong', 'POST', () => '/api/v1/me/password', { body: { currentPassword: 'guess', newPassword: 'a-long-new-password' } }, own],
  ['password: current one missing', 'POST', () => '/api/v1/me/password', { body: { newPassword: 'a-long-new-password' } }, own],
  ['password: new one over 1024 chars', 'POST', () => '/api/v1/me/password', { body: { currentPassword: 'acme-owner-demo', newPassword: 'p'.repeat(1025) } }, own],
  ['password: another user named', 'POST', () => '/api/v1/me/password', { body: { currentPassword: 'acme-owner-demo', newPassword: 'a-long-new-password', userId: '00000000-0000-4000-8000-000000000001' } }, own],
  ['CSRF: stop from a same-site page on another port', 'POST', () => `/api/v1/instances/${a.instanceId}/stop`, { raw: '', contentType: 'text/plain' }, sameSiteOtherPort],
  ['CSRF: backup from a same-site page on another port', 'POST', () => `/api/v1/instances/${a.instanceId}/backups`, { raw: '', contentType: 'text/plain' }, sameSiteOtherPort],
  ['CSRF: settings from another site', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: 1 } }, () => ({ cookie, origin: 'http://evil.example' })],
  ['CSRF: token from an opaque origin', 'POST', () => '/api/v1/tokens', { body: { name: 'stolen' } }, () => ({ cookie, origin: 'null' })],
  ['CSRF: revoke token without Origin or Sec-Fetch-Site', 'DELETE', () => `/api/v1/tokens/${a.tokenId}`, {}, () => ({ cookie })],
  ['CSRF: invite from another site', 'POST', () => '/api/v1/members', { body: { email: 'member@globex.test', role: 'owner' } }, () => ({ cookie, origin: 'http://evil.example' })],
  ['CSRF: role change with Sec-Fetch-Site cross-site', 'PATCH', () => `/api/v1/members/${a.memberUserId}`, { body: { role: 'owner' } }, () => ({ cookie, 'sec-fetch-site': 'cross-site' })],
  ['CSRF: remove member from another scheme', 'DELETE', () => `/api/v1/members/${a.memberUserId}`, {}, () => ({ cookie, origin: new URL(f.baseUrl).origin.replace('http:', 'https:') })],
  ['CSRF: password change from another site', 'POST', () => '/api/v1/me/password', { body: { currentPassword: 'acme-owner-demo', newPassword: 'csrf-took-over-1' } }, () => ({ cookie, origin: 'http://evil.example' })],
  ['CSRF: legal hold from a look-alike origin', 'PATCH', () => `/api/v1/instances/${a.instanceId}`, { body: { legalHold: true } }, () => ({ cookie, origin: `${new URL(f.baseUrl).origin}.evil.example` })],
  ['forged session cookie', 'GET', () => '/api/v1/me', {}, () => ({ cookie: 'next-auth.session-token=eyJhbGciOiJub25lIn0.eyJ1aWQiOiJ4In0.' })],
];

beforeAll(async () => {
  f = await stackFixtures();
  a = await acmeTargets(f);
  token = await f.ownerToken('acme');
  cookie = await signIn(f.baseUrl, 'owner@acme.test', 'acme-owner-demo');
  before = await snapshotTenant(f.platform, a);
});
afterAll(async () => {
  await f?.close();
});

describe('bad input → 4xx JSON error, nothing changed', () => {
  it(`has at least 25 cases (${cases.length + sessionCases.length})`, () => expect(cases.length + sessionCases.length).toBeGreaterThanOrEqual(25));

  it.each(cases)('%s', async (_label, method, path, options) => {
    const res = await call(f.baseUrl, method, path(), { token, ...options });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.contentType).toContain('application/json');
    expect(res.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  });

  it.each(sessionCases)('signed in: %s', async (_label, method, path, options, headers) => {
    const res = await call(f.baseUrl, method, path(), { ...options, headers: headers() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.contentType).toContain('application/json');
    expect(res.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  });

  it('nothing changed, and the tenants table is still there', async () => {
    expect(await snapshotTenant(f.platform, a)).toEqual(before);
    const names = (await f.platform.pool.query(`select count(*)::int as n from instances where name like '%drop table%' or name in ('fine-name', 'arr')`)).rows[0];
    expect(names).toEqual({ n: 0 });
    expect((await f.platform.pool.query(`select count(*)::int as n from tenants`)).rows[0].n).toBeGreaterThanOrEqual(2);
  });
});
