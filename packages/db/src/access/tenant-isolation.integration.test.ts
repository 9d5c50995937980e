import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { decryptSecret } from '@rewind/core';
import { inTenantTx } from '../tenant-tx';
import { createInstanceRecord, getInstance, listInstances } from '../operations';
import { connect } from '../testing/scratch-database';
import { createSeededScratch, type SeededScratch } from '../testing/seeded-scratch';

let s: SeededScratch;
let A: string;
let B: string;
let instanceA: string;
let instanceB: string;
let app: pg.Client;

async function asTenant<T>(
  client: pg.Client,
  tenantId: string | null,
  fn: () => Promise<T>,
): Promise<T> {
  await client.query('begin');
  try {
    if (tenantId) await client.query(`select set_config('rewind.tenant_id', $1, true)`, [tenantId]);
    return await fn();
  } finally {
    await client.query('rollback');
  }
}

beforeAll(async () => {
  s = await createSeededScratch('rewind_rls', { portMin: 59000, portMax: 59001 });
  A = s.tenant('acme');
  B = s.tenant('globex');
  instanceA = (
    await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
      createInstanceRecord(tx, { tenantId: A, name: 'orders', secretKey: s.secretKey }),
    )
  ).id;
  instanceB = (
    await inTenantTx(s.app.db, { tenantId: B }, (tx) =>
      createInstanceRecord(tx, { tenantId: B, name: 'orders', secretKey: s.secretKey }),
    )
  ).id;
  app = await connect(s.scratch.appUrl);
});

afterAll(async () => {
  await app?.end();
  await s?.close();
});

describe('row-level security, raw SQL as rewind_app', () => {
  it('with tenant A set, an unfiltered select returns only A’s rows', async () => {
    const rows = await asTenant(
      app,
      A,
      async () => (await app.query('select id, tenant_id from instances')).rows,
    );
    expect(rows).toEqual([{ id: instanceA, tenant_id: A }]);
    const tenants = await asTenant(
      app,
      A,
      async () => (await app.query('select slug from tenants')).rows,
    );
    expect(tenants).toEqual([{ slug: 'acme' }]);
    const members = await asTenant(
      app,
      A,
      async () => (await app.query('select distinct tenant_id from memberships')).rows,
    );
    expect(members).toEqual([{ tenant_id: A }]);
  });

  it('with no tenant set, returns nothing', async () => {
    for (const table of [
      'instances',
      'tenants',
      'memberships',
      'api_tokens',
      'audit_events',
      'users',
    ]) {
      const { rowCount } = await asTenant(app, null, () => app.query(`select * from ${table}`));
      expect(rowCount, table).toBe(0);
    }
  });

  it('refuses inserting a row for tenant B while tenant A is set', async () => {
    await expect(
      asTenant(app, A, () =>
        app.query(
          `insert into instances (tenant_id, name, host_id, database_name, username, password_enc, repo_cipher_pass_enc, stanza)
           values ($1, 'sneaky', 'host-1', 'x', 'x', 'x', 'x', 'x')`,
          [B],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot update, delete or move another tenant’s rows', async () => {
    const updated = await asTenant(app, A, () =>
      app.query(`update instances set name = 'pwned' where id = $1`, [instanceB]),
    );
    expect(updated.rowCount).toBe(0);
    const deleted = await asTenant(app, A, () =>
      app.query(`delete from instances where id = $1`, [instanceB]),
    );
    expect(deleted.rowCount).toBe(0);
    await expect(
      asTenant(app, A, () =>
        app.query(`update instances set tenant_id = $1 where id = $2`, [B, instanceA]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('has no access to platform-only tables', async () => {
    await expect(asTenant(app, A, () => app.query('select * from login_attempts'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      asTenant(app, A, () =>
        app.query(
          `insert into tenants (slug, name, plan_id, retention_days) values ('x', 'x', 'free', 1)`,
        ),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('the owner sees no tenant rows either (FORCE ROW LEVEL SECURITY)', async () => {
    const owner = await connect(s.scratch.ownerUrl);
    try {
      expect((await owner.query('select * from instances')).rowCount).toBe(0);
    } finally {
      await owner.end();
    }
  });
});

describe('tenant-scoped operations', () => {
  it('listInstances returns only the tenant’s instances, without secrets', async () => {
    const list = await inTenantTx(s.app.db, { tenantId: A }, (tx) => listInstances(tx, A));
    expect(list.map((i) => i.id)).toEqual([instanceA]);
    expect(list[0]).not.toHaveProperty('passwordEnc');
  });

  it('getInstance: another tenant’s id, a missing id and a malformed id are all not_found', async () => {
    const mine = await inTenantTx(s.app.db, { tenantId: A }, (tx) => getInstance(tx, A, instanceA));
    expect(decryptSecret(mine.passwordEnc, s.secretKey)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    for (const id of [
      instanceB,
      '00000000-0000-4000-8000-000000000000',
      'not-a-uuid',
      "' or 1=1 --",
    ]) {
      await expect(
        inTenantTx(s.app.db, { tenantId: A }, (tx) => getInstance(tx, A, id)),
      ).rejects.toMatchObject({ code: 'not_found' });
    }
  });

  it('even on the platform role (no RLS), fetchers stay within the tenant asked for', async () => {
    await expect(
      inTenantTx(s.platform.db, { tenantId: A }, (tx) => getInstance(tx, A, instanceB)),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('allocates ports across tenants although RLS hides the other tenant’s ports', async () => {
    const ports = await s.platform.db.query.instances.findMany({
      columns: { port: true, stanza: true, id: true },
    });
    expect(new Set(ports.map((p) => p.port))).toEqual(new Set([59000, 59001]));
    for (const p of ports) expect(p.stanza).toBe(`inst-${p.id}`);
    // the range (2 ports) is now full
    await expect(
      inTenantTx(s.app.db, { tenantId: A }, (tx) =>
        createInstanceRecord(tx, { tenantId: A, name: 'third', secretKey: s.secretKey }),
      ),
    ).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('retries past ports taken by other tenants (unique index is the arbiter)', async () => {
    const { hosts } = await import('../schema');
    await s.platform.db
      .insert(hosts)
      .values({ id: 'host-2', taskQueue: 'host:host-2', portMin: 59100, portMax: 59102 });
    const a = await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
      createInstanceRecord(tx, {
        tenantId: A,
        name: 'on-host-2',
        hostId: 'host-2',
        secretKey: s.secretKey,
      }),
    );
    const rollback = new Error('rollback');
    for (let i = 0; i < 12; i++) {
      let port: number | null = null;
      await inTenantTx(s.app.db, { tenantId: B }, async (tx) => {
        port = (
          await createInstanceRecord(tx, {
            tenantId: B,
            name: `probe-${i}`,
            hostId: 'host-2',
            secretKey: s.secretKey,
          })
        ).port;
        throw rollback;
      }).catch((err: unknown) => {
        if (err !== rollback) throw err;
      });
      expect(port).not.toBeNull();
      expect(port).not.toBe(a.port);
    }
  });

  it('refuses duplicate and invalid names', async () => {
    await expect(
      inTenantTx(s.app.db, { tenantId: A }, (tx) =>
        createInstanceRecord(tx, { tenantId: A, name: 'orders', secretKey: s.secretKey }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    for (const name of ['Orders', '1db', 'a_b', 'trailing-', '', 'x'.repeat(41)]) {
      await expect(
        inTenantTx(s.app.db, { tenantId: A }, (tx) =>
          createInstanceRecord(tx, { tenantId: A, name, secretKey: s.secretKey }),
        ),
      ).rejects.toMatchObject({ code: 'validation_failed' });
    }
  });
});
