import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, guardClient } from '@rewind/db';
import { findRows, createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import { call } from './api-call';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

let f: StackFixtures;
let t: ScratchTenant;
const api = (method: string, path: string, o: Parameters<typeof call>[3] = {}) =>
  call(f.baseUrl, method, path, o);

beforeAll(async () => {
  f = await stackFixtures();
  // Own tenant: a broken chain must not be left in a demo tenant.
  t = await createScratchTenant(f.platform.db, 'tamper');
  for (const name of ['one', 'two', 'three']) {
    expect(
      (await api('POST', '/api/v1/tokens', { token: t.people.owner.token, body: { name } })).status,
    ).toBe(201);
  }
});
afterAll(async () => {
  await f?.close();
});

describe('tamper evidence', () => {
  it('the app role cannot update audit rows at all', async () => {
    const app = guardClient(
      new pg.Client({ connectionString: f.env.CONTROL_DATABASE_URL }),
      'audit-tamper app',
    );
    await app.connect();
    try {
      await app.query('begin');
      await app.query(`select set_config('rewind.tenant_id', $1, true)`, [t.id]);
      await expect(app.query(`update audit_events set action = 'x'`)).rejects.toThrow(
        /permission denied|append-only/,
      );
      await app.query('rollback');
    } finally {
      await app.end();
    }
  });

  it('an owner who disables the trigger and edits a row is caught by /audit/verify, which names the row', async () => {
    const before = await api('GET', '/api/v1/audit/verify', { token: t.people.member.token });
    expect(before.body).toMatchObject({ ok: true });

    const rows = await findRows(f.platform.db, auditEvents, { tenantId: t.id }, { orderBy: 'seq' });
    const victim = rows.find((r) => r.action === 'token.created' && r.data.name === 'two');
    expect(victim).toBeDefined();

    const owner = guardClient(
      new pg.Client({ connectionString: process.env.CONTROL_DATABASE_OWNER_URL }),
      'audit-tamper owner',
    );
    await owner.connect();
    try {
      await owner.query('begin');
      await owner.query('alter table audit_events disable trigger user');
      // forced RLS hides tenant rows even from the owner; a determined owner lifts that too
      await owner.query('alter table audit_events no force row level security');
      const res = await owner.query(
        `update audit_events set data = jsonb_set(data, '{name}', '"innocent"') where id = $1`,
        [victim!.id],
      );
      expect(res.rowCount).toBe(1);
      await owner.query('alter table audit_events force row level security');
      await owner.query('alter table audit_events enable trigger user');
      await owner.query('commit');
    } finally {
      await owner.end();
    }

    const after = await api('GET', '/api/v1/audit/verify', { token: t.people.member.token });
    expect(after.status).toBe(200);
    expect(after.body).toEqual({
      ok: false,
      checked: victim!.seq - 1,
      firstBroken: {
        seq: victim!.seq,
        id: String(victim!.id),
        reason: expect.stringMatching(/altered/),
      },
    });
  });
});
