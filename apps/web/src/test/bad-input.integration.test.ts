import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type CallOptions } from './api-call';
import { signIn } from './session';
import { acmeTargets, snapshotTenant, type AcmeTargets } from './acme-globex-fixtures';
import { catalogOnlyInstance } from './catalog-only-instance';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/** Malformed requests from a legitimate owner: always a 4xx JSON error, never a change. */
let f: StackFixtures;
let a: AcmeTargets;
let token: string;
let before: Record<string, unknown>;
/** a running instance as far as the catalog knows: targets are judged against its WAL */
let catalogOnly: string;

const INJECTION = "x'; drop table tenants;--";
type Bad = [label: string, method: string, path: () => string, options: CallOptions];

// issue 12, item 7: validation queries PostgreSQL's parser refuses, or that lock, write or are too big
const vq = (label: string, sql: unknown, extra: Record<string, unknown> = {}): Bad => [
  `validation query: ${label}`,
  'POST',
  () => `/api/v1/instances/${a.instanceId}/validation-queries`,
  { body: { name: `bad-${label}`.slice(0, 90), sql, ...extra } },
];
// issue 12, item 8: restore targets archived WAL cannot reach, refused before anything is provisioned
const target = (label: string, t: unknown, route: 'preflight' | 'request' = 'preflight'): Bad => [
  `${route === 'preflight' ? 'pre-flight' : 'restore'}: ${label}`,
  'POST',
  () => `/api/v1/instances/${catalogOnly}/restores${route === 'preflight' ? '/preflight' : ''}`,
  { body: { target: t, mode: 'clone' } },
];
// issue 12, item 10: instance names PostgreSQL reserves
const reserved = (name: string): Bad => [
  `reserved instance name ${name}`,
  'POST',
  () => '/api/v1/instances',
  { body: { name } },
];

const cases: Bad[] = [
  [
    'oversize body (70 KB)',
    'POST',
    () => '/api/v1/instances',
    { raw: JSON.stringify({ name: 'a'.repeat(70_000) }) },
  ],
  [
    'wrong content-type',
    'POST',
    () => '/api/v1/instances',
    { raw: '{"name":"ok-name"}', contentType: 'text/plain' },
  ],
  ['no content-type', 'POST', () => '/api/v1/tokens', { raw: '{"name":"x"}', contentType: null }],
  ['invalid JSON', 'POST', () => '/api/v1/instances', { raw: '{"name": ' }],
  ['JSON array body', 'POST', () => '/api/v1/instances', { body: [{ name: 'arr' }] }],
  ['name of the wrong type', 'POST', () => '/api/v1/instances', { body: { name: 42 } }],
  [
    'SQL injection in an instance name',
    'POST',
    () => '/api/v1/instances',
    { body: { name: INJECTION } },
  ],
  [
    'unknown field on create',
    'POST',
    () => '/api/v1/instances',
    { body: { name: 'fine-name', tenantId: 'other' } },
  ],
  ['negative retention', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: -1 } }],
  ['huge retention', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: 1e300 } }],
  ['fractional retention', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: 3.5 } }],
  ['retention as a string', 'PATCH', () => '/api/v1/tenant', { body: { retentionDays: '7' } }],
  [
    'unknown approval policy',
    'PATCH',
    () => '/api/v1/tenant',
    { body: { approvalPolicy: 'never' } },
  ],
  [
    'plan escalation via unknown field',
    'PATCH',
    () => '/api/v1/tenant',
    { body: { planId: 'enterprise' } },
  ],
  ['empty settings patch', 'PATCH', () => '/api/v1/tenant', { body: {} }],
  [
    'legal hold as a string',
    'PATCH',
    () => `/api/v1/instances/${a.instanceId}`,
    { body: { legalHold: 'yes' } },
  ],
  [
    'malformed instance id',
    'PATCH',
    () => `/api/v1/instances/${encodeURIComponent(INJECTION)}`,
    { body: { legalHold: true } },
  ],
  ['empty token name', 'POST', () => '/api/v1/tokens', { body: { name: '   ' } }],
  ['token name too long', 'POST', () => '/api/v1/tokens', { body: { name: 'n'.repeat(101) } }],
  [
    'unknown token scope',
    'POST',
    () => '/api/v1/tokens',
    { body: { name: 'scoped', scopes: ['root'] } },
  ],
  ['malformed token id', 'DELETE', () => '/api/v1/tokens/1%20or%201=1', {}],
  [
    'member email not an email',
    'POST',
    () => '/api/v1/members',
    { body: { email: INJECTION, role: 'member' } },
  ],
  [
    'unknown member role',
    'POST',
    () => '/api/v1/members',
    { body: { email: 'member@globex.test', role: 'superuser' } },
  ],
  [
    'role change to an unknown role',
    'PATCH',
    () => `/api/v1/members/${a.memberUserId}`,
    { body: { role: 'god' } },
  ],
  ['audit: date without time', 'GET', () => '/api/v1/audit?from=2026-01-01', {}],
  ['audit: time without offset', 'GET', () => '/api/v1/audit?from=2026-01-01T00:00:00', {}],
  ['audit: impossible date', 'GET', () => '/api/v1/audit?to=2026-02-30T00:00:00Z', {}],
  [
    'audit: from after to',
    'GET',
    () => '/api/v1/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
    {},
  ],
  ['audit: negative limit', 'GET', () => '/api/v1/audit?limit=-5', {}],
  ['audit: huge limit', 'GET', () => '/api/v1/audit?limit=100000', {}],
  ['audit: non-numeric cursor', 'GET', () => '/api/v1/audit?cursor=abc', {}],
  ['audit: unknown parameter', 'GET', () => '/api/v1/audit?form=2026-01-01T00:00:00Z', {}],
  ['audit: repeated parameter', 'GET', () => '/api/v1/audit?limit=1&limit=2', {}],
  // issue 16: wal-events and the clone diff take only their own parameters, each once
  [
    'wal-events: unknown parameter',
    'GET',
    () => `/api/v1/instances/${a.instanceId}/wal-events?form=2026-01-01T00:00:00Z`,
    {},
  ],
  [
    'wal-events: repeated parameter',
    'GET',
    () => `/api/v1/instances/${a.instanceId}/wal-events?kinds=truncate&kinds=drop_table`,
    {},
  ],
  [
    'wal-events: unknown kind',
    'GET',
    () => `/api/v1/instances/${a.instanceId}/wal-events?kinds=drop_view`,
    {},
  ],
  [
    'wal-events: time without offset',
    'GET',
    () => `/api/v1/instances/${a.instanceId}/wal-events?to=2026-01-01T00:00:00`,
    {},
  ],
  ['diff: unknown format', 'GET', () => `/api/v1/restores/${a.restoreId}/diff?format=xml`, {}],
  ['diff: unknown parameter', 'GET', () => `/api/v1/restores/${a.restoreId}/diff?table=x`, {}],
  ['diff: a restore that made no clone', 'GET', () => `/api/v1/restores/${a.restoreId}/diff`, {}],
  // a replace's cutover waits for a confirmation only when asked, and only a replace can be asked
  [
    'cutover: a restore not awaiting its cutover',
    'POST',
    () => `/api/v1/restores/${a.restoreId}/cutover`,
    {},
  ],
  [
    'restore: confirmCutover on a clone',
    'POST',
    () => `/api/v1/instances/${a.instanceId}/restores`,
    { body: { target: 'latest', mode: 'clone', confirmCutover: true } },
  ],
  [
    'restore: confirmCutover not a boolean',
    'POST',
    () => `/api/v1/instances/${a.instanceId}/restores`,
    { body: { target: 'latest', mode: 'replace', confirmCutover: 'yes' } },
  ],
  [
    'audit: injection in instanceId',
    'GET',
    () => `/api/v1/audit?instanceId=${encodeURIComponent("' or 1=1--")}`,
    {},
  ],
  [
    'audit: injection in action',
    'GET',
    () => `/api/v1/audit?action=${encodeURIComponent(INJECTION)}`,
    {},
  ],
  [
    'approval without reason',
    'POST',
    () => `/api/v1/restores/${a.restoreId}/approve`,
    { body: {} },
  ],
  [
    'approval with empty reason',
    'POST',
    () => `/api/v1/restores/${a.restoreId}/approve`,
    { body: { reason: '  ' } },
  ],
  [
    'approval reason over 500 chars',
    'POST',
    () => `/api/v1/restores/${a.restoreId}/reject`,
    { body: { reason: 'r'.repeat(501) } },
  ],
  [
    'approval reason of the wrong type',
    'POST',
    () => `/api/v1/restores/${a.restoreId}/approve`,
    { body: { reason: ['a'] } },
  ],
  [
    'invite: email with CR/LF',
    'POST',
    () => '/api/v1/members',
    { body: { email: 'a@b.test\r\nBcc: c@d.test', role: 'member' } },
  ],
  [
    'invite: email as an array',
    'POST',
    () => '/api/v1/members',
    { body: { email: ['member@globex.test'], role: 'member' } },
  ],
  [
    'invite: email over 320 chars',
    'POST',
    () => '/api/v1/members',
    { body: { email: `${'e'.repeat(320)}@x.test`, role: 'member' } },
  ],
  ['invite: no role', 'POST', () => '/api/v1/members', { body: { email: 'member@globex.test' } }],
  [
    'invite: unknown field (tenantId)',
    'POST',
    () => '/api/v1/members',
    { body: { email: 'member@globex.test', role: 'member', tenantId: 'x' } },
  ],
  [
    'accept invitation with an API token',
    'POST',
    () => '/api/v1/invitations/accept',
    { body: { token: `rwi_${'A'.repeat(40)}` } },
  ],
  [
    'change password with an API token',
    'POST',
    () => '/api/v1/me/password',
    { body: { currentPassword: 'acme-owner-demo', newPassword: 'token-took-over-1' } },
  ],
  vq('FOR SHARE', 'select * from orders for share'),
  vq('FOR KEY SHARE', 'select * from orders for key share'),
  vq('FOR NO KEY UPDATE', 'select * from orders for no key update'),
  vq('FOR UPDATE in a subquery', 'select * from (select * from orders for update) s'),
  vq('FOR SHARE in a set operation', '(select 1) union (select id from orders for share)'),
  vq('data-modifying CTE', 'with d as (delete from orders returning *) select count(*) from d'),
  vq(
    'data-modifying CTE nested in a subquery',
    'select * from (with d as (delete from orders returning *) select * from d) s',
  ),
  vq('SELECT INTO', 'select * into stolen from orders'),
  vq('two statements', 'select 1; drop table orders'),
  vq(
    'backslash string that ends early with standard_conforming_strings off',
    "select 'a\\'; drop table orders; --'",
  ),
  vq('psql meta-command', '\\! rm -rf /'),
  vq('unterminated string', "select 'open"),
  vq('syntax error', 'select from where'),
  vq('EXPLAIN ANALYZE of a delete', 'explain analyze delete from orders'),
  vq('COPY TO PROGRAM', "copy orders to program 'sh -c id'"),
  vq('SET read-only off', 'set default_transaction_read_only = off'),
  vq('MERGE', 'merge into orders o using (select 1 id) s on o.id = s.id when matched then delete'),
  vq('over 10 000 characters', `select 1 -- ${'x'.repeat(10_001)}`),
  vq('empty SQL', '   '),
  vq('SQL of the wrong type', 42),
  vq('unknown expectation', 'select 1', { expectation: 'all_rows' }),
  target('xid 4000000000 (never reached)', { xid: '4000000000' }),
  target('xid 18446744073709551615', { xid: '18446744073709551615' }),
  target('xid over 64 bits', { xid: '18446744073709551616' }),
  target('reserved xid 2', { xid: 2 }),
  target('restore point never created: path traversal', { name: '../../../../etc/passwd' }),
  target('restore point never created: shell substitution', { name: '$(reboot)' }),
  target('restore point never created: backticks and a semicolon', { name: '`id`; rm -rf /' }),
  target('restore point name with a quote', { name: "x'; select pg_sleep(10); --" }),
  target('restore point name with a newline', { name: 'a\nrecovery_target_action = promote' }),
  target('restore point name over 63 characters', { name: 'n'.repeat(64) }),
  target('malformed LSN', { lsn: 'zz/1' }),
  target('LSN far after the window', { lsn: 'FFFFFFFF/FFFFFFFF' }),
  target('xid 4000000000 (never reached)', { xid: '4000000000' }, 'request'),
  target(
    'restore point never created: path traversal',
    { name: '../../../../etc/passwd' },
    'request',
  ),
  target(
    'restore point never created: shell metacharacters',
    { name: '$(touch /tmp/pwned)|&;<>' },
    'request',
  ),
  reserved('postgres'),
  reserved('template0'),
  reserved('template1'),
  reserved('public'),
  reserved('none'),
  reserved('current-user'),
  reserved('session-user'),
  reserved('pg-catalog'),
  reserved('app'),
  reserved('app-readonly'),
];

/**
 * The same, signed in as acme's owner in a browser: person-only routes with bad bodies, and
 * forged cross-site writes (CSRF) carrying the session cookie.
 */
type SessionBad = [
  label: string,
  method: string,
  path: () => string,
  options: CallOptions,
  headers: () => Record<string, string>,
];
let cookie: string;
const own = () => ({ cookie, origin: new URL(f.baseUrl).origin });
const sameSiteOtherPort = () => {
  const u = new URL(f.baseUrl);
  return {
    cookie,
    origin: `${u.protocol}//${u.hostname}:${Number(u.port) + 1}`,
    'sec-fetch-site': 'same-site',
  };
};
const sessionCases: SessionBad[] = [
  [
    'accept: malformed token',
    'POST',
    () => '/api/v1/invitations/accept',
    { body: { token: 'rwi_short' } },
    own,
  ],
  [
    'accept: token of the wrong type',
    'POST',
    () => '/api/v1/invitations/accept',
    { body: { token: 42 } },
    own,
  ],
  [
    'accept: token as an array',
    'POST',
    () => '/api/v1/invitations/accept',
    { body: { token: [`rwi_${'A'.repeat(40)}`] } },
    own,
  ],
  [
    'accept: SQL injection as token',
    'POST',
    () => '/api/v1/invitations/accept',
    { body: { token: INJECTION } },
    own,
  ],
  ['accept: empty body', 'POST', () => '/api/v1/invitations/accept', { body: {} }, own],
  [
    'accept: unknown field',
    'POST',
    () => '/api/v1/invitations/accept',
    { body: { token: `rwi_${'A'.repeat(40)}`, role: 'owner' } },
    own,
  ],
  [
    'accept: unknown well-formed token',
    'POST',
    () => '/api/v1/invitations/accept',
    { body: { token: `rwi_${'Z'.repeat(40)}` } },
    own,
  ],
  [
    'accept: text/plain body',
    'POST',
    () => '/api/v1/invitations/accept',
    { raw: `{"token":"rwi_${'A'.repeat(40)}"}`, contentType: 'text/plain' },
    own,
  ],
  [
    'password: new one too short',
    'POST',
    () => '/api/v1/me/password',
    { body: { currentPassword: 'acme-owner-demo', newPassword: 'short' } },
    own,
  ],
  [
    'password: current one wrong',
    'POST',
    () => '/api/v1/me/password',
    { body: { currentPassword: 'guess', newPassword: 'a-long-new-password' } },
    own,
  ],
  [
    'password: current one missing',
    'POST',
    () => '/api/v1/me/password',
    { body: { newPassword: 'a-long-new-password' } },
    own,
  ],
  [
    'password: new one over 1024 chars',
    'POST',
    () => '/api/v1/me/password',
    { body: { currentPassword: 'acme-owner-demo', newPassword: 'p'.repeat(1025) } },
    own,
  ],
  [
    'password: another user named',
    'POST',
    () => '/api/v1/me/password',
    {
      body: {
        currentPassword: 'acme-owner-demo',
        newPassword: 'a-long-new-password',
        userId: '00000000-0000-4000-8000-000000000001',
      },
    },
    own,
  ],
  [
    'CSRF: stop from a same-site page on another port',
    'POST',
    () => `/api/v1/instances/${a.instanceId}/stop`,
    { raw: '', contentType: 'text/plain' },
    sameSiteOtherPort,
  ],
  [
    'CSRF: backup from a same-site page on another port',
    'POST',
    () => `/api/v1/instances/${a.instanceId}/backups`,
    { raw: '', contentType: 'text/plain' },
    sameSiteOtherPort,
  ],
  [
    'CSRF: settings from another site',
    'PATCH',
    () => '/api/v1/tenant',
    { body: { retentionDays: 1 } },
    () => ({ cookie, origin: 'http://evil.example' }),
  ],
  [
    'CSRF: token from an opaque origin',
    'POST',
    () => '/api/v1/tokens',
    { body: { name: 'stolen' } },
    () => ({ cookie, origin: 'null' }),
  ],
  [
    'CSRF: revoke token without Origin or Sec-Fetch-Site',
    'DELETE',
    () => `/api/v1/tokens/${a.tokenId}`,
    {},
    () => ({ cookie }),
  ],
  [
    'CSRF: invite from another site',
    'POST',
    () => '/api/v1/members',
    { body: { email: 'member@globex.test', role: 'owner' } },
    () => ({ cookie, origin: 'http://evil.example' }),
  ],
  [
    'CSRF: role change with Sec-Fetch-Site cross-site',
    'PATCH',
    () => `/api/v1/members/${a.memberUserId}`,
    { body: { role: 'owner' } },
    () => ({ cookie, 'sec-fetch-site': 'cross-site' }),
  ],
  [
    'CSRF: remove member from another scheme',
    'DELETE',
    () => `/api/v1/members/${a.memberUserId}`,
    {},
    () => ({ cookie, origin: new URL(f.baseUrl).origin.replace('http:', 'https:') }),
  ],
  [
    'CSRF: password change from another site',
    'POST',
    () => '/api/v1/me/password',
    { body: { currentPassword: 'acme-owner-demo', newPassword: 'csrf-took-over-1' } },
    () => ({ cookie, origin: 'http://evil.example' }),
  ],
  [
    'CSRF: legal hold from a look-alike origin',
    'PATCH',
    () => `/api/v1/instances/${a.instanceId}`,
    { body: { legalHold: true } },
    () => ({ cookie, origin: `${new URL(f.baseUrl).origin}.evil.example` }),
  ],
  [
    'forged session cookie',
    'GET',
    () => '/api/v1/me',
    {},
    () => ({ cookie: 'next-auth.session-token=eyJhbGciOiJub25lIn0.eyJ1aWQiOiJ4In0.' }),
  ],
];

beforeAll(async () => {
  f = await stackFixtures();
  a = await acmeTargets(f);
  token = await f.ownerToken('acme');
  cookie = await signIn(f.baseUrl, 'owner@acme.test', 'acme-owner-demo');
  catalogOnly = await catalogOnlyInstance(f, 'acme');
  before = await snapshotTenant(f.platform, a);
});
afterAll(async () => {
  if (catalogOnly)
    await f.platform.pool.query(`update instances set status = 'deleted' where id = $1`, [
      catalogOnly,
    ]);
  await f?.close();
});

describe('bad input → 4xx JSON error, nothing changed', () => {
  it(`has at least 80 cases (${cases.length + sessionCases.length})`, () =>
    expect(cases.length + sessionCases.length).toBeGreaterThanOrEqual(80));

  it.each(cases)('%s', async (_label, method, path, options) => {
    const res = await call(f.baseUrl, method, path(), { token, ...options });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.contentType).toContain('application/json');
    expect(res.body).toEqual({
      error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
    });
  });

  it.each(sessionCases)('signed in: %s', async (_label, method, path, options, headers) => {
    const res = await call(f.baseUrl, method, path(), { ...options, headers: headers() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.contentType).toContain('application/json');
    expect(res.body).toEqual({
      error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
    });
  });

  it('unreachable targets are refused by what archived WAL holds (422), while reachable ones pass', async () => {
    const preflight = (t: unknown) =>
      call(f.baseUrl, 'POST', `/api/v1/instances/${catalogOnly}/restores/preflight`, {
        token,
        body: { target: t, mode: 'clone' },
      });
    expect((await preflight({ name: 'before-migration' })).status).toBe(200);
    expect((await preflight({ xid: '1000' })).status).toBe(200);
    expect((await preflight({ lsn: '0/4000000' })).status).toBe(200);
    for (const t of [{ xid: '4000000000' }, { xid: '18446744073709551615' }, { xid: '1001' }])
      expect((await preflight(t)).body, JSON.stringify(t)).toMatchObject({
        error: {
          code: 'target_after_window',
          message: expect.stringMatching(/newest transaction committed in archived WAL is 1000/),
        },
      });
    for (const name of ['../../../../etc/passwd', '$(reboot)', '`id`; rm -rf /', 'before-migratio'])
      expect((await preflight({ name })).body, name).toMatchObject({
        error: {
          code: 'target_not_found',
          message: expect.stringMatching(/not in archived WAL.*before-migration/),
        },
      });
    const asked = await call(f.baseUrl, 'POST', `/api/v1/instances/${catalogOnly}/restores`, {
      token,
      body: { target: { name: '../../../../etc/passwd' }, mode: 'clone' },
    });
    expect(asked).toMatchObject({ status: 422, body: { error: { code: 'target_not_found' } } });
  });

  it('no validation query was saved and no restore requested by these cases', async () => {
    const q = async (sql: string) => (await f.platform.pool.query(sql, [a.instanceId])).rows[0];
    expect(
      await q(
        `select count(*)::int as n from validation_queries where instance_id = $1 and name like 'bad-%'`,
      ),
    ).toEqual({ n: 0 });
    const restores = await f.platform.pool.query(
      `select count(*)::int as n from restores where instance_id = $1`,
      [catalogOnly],
    );
    expect(restores.rows[0]).toEqual({ n: 0 });
    const clones = await f.platform.pool.query(
      `select count(*)::int as n from instances where source_instance_id = $1`,
      [catalogOnly],
    );
    expect(clones.rows[0]).toEqual({ n: 0 });
  });

  it('nothing changed, and the tenants table is still there', async () => {
    expect(await snapshotTenant(f.platform, a)).toEqual(before);
    const names = (
      await f.platform.pool.query(
        `select count(*)::int as n from instances where name like '%drop table%' or name in ('fine-name', 'arr', 'postgres', 'template0', 'template1', 'public', 'none', 'current-user', 'session-user', 'pg-catalog', 'app', 'app-readonly')`,
      )
    ).rows[0];
    expect(names).toEqual({ n: 0 });
    expect(
      (await f.platform.pool.query(`select count(*)::int as n from tenants`)).rows[0].n,
    ).toBeGreaterThanOrEqual(2);
  });
});
