import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hashApiToken, parseStackEnv } from '@rewind/core';
import { guardClient } from '@rewind/db';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const env = parseStackEnv(process.env);
const adminScript = fileURLToPath(new URL('../../../infra/bin/admin.sh', import.meta.url));

async function getInstances(authorization?: string) {
  const res = await fetch(new URL('/api/v1/instances', env.WEB_URL), {
    headers: authorization ? { authorization } : {},
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('npm run admin -- token create', () => {
  it('prints a token that authenticates GET /api/v1/instances; none or a wrong one is 401 JSON', async () => {
    // the operator path exactly as documented, against the test stack
    const { stdout } = await run(
      'bash',
      [adminScript, 'token', 'create', '--tenant', 'acme', '--email', 'owner@acme.test'],
      {
        env: { ...process.env, REWIND_PROFILE: 'test' },
        timeout: 60_000,
      },
    );
    const token = /rw_[A-Za-z0-9]+/.exec(stdout)?.[0];
    expect(token, `no token in CLI output:\n${stdout}`).toBeDefined();

    // only the SHA-256 of the secret is stored
    const db = guardClient(
      new pg.Client({ connectionString: env.CONTROL_DATABASE_PLATFORM_URL }),
      'token-create check',
    );
    await db.connect();
    try {
      const stored = await db.query('select token_hash from api_tokens where token_hash = $1', [
        hashApiToken(token!),
      ]);
      expect(stored.rowCount).toBe(1);
      const plain = await db.query(
        'select count(*)::int as n from api_tokens where token_hash = $1 or display_prefix = $1',
        [token],
      );
      expect(plain.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }

    const ok = await getInstances(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(Array.isArray(ok.body)).toBe(true);

    const none = await getInstances();
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: 'unauthenticated' } });

    const wrong = await getInstances(`Bearer ${token!.slice(0, -4)}XXXX`);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
  });

  it('refuses a person who is not a member of the tenant', async () => {
    const refused = await run(
      'bash',
      [adminScript, 'token', 'create', '--tenant', 'acme', '--email', 'owner@globex.test'],
      { env: { ...process.env, REWIND_PROFILE: 'test' }, timeout: 60_000 },
    ).then(
      () => null,
      (err: { code?: number; stderr?: string; stdout?: string }) => err,
    );
    expect(refused).not.toBeNull();
    expect(`${refused?.stderr ?? ''}${refused?.stdout ?? ''}`).toMatch(/member/i);
  });
});
