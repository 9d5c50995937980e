import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenantTx } from '../tenant-tx';
import { connect } from '../testing/scratch-database';
import { createSeededScratch, type SeededScratch } from '../testing/seeded-scratch';
import { appendAuditEvent, verifyAuditChain } from './append-audit-event';

let s: SeededScratch;
let A: string;
let B: string;

beforeAll(async () => {
  s = await createSeededScratch('rewind_audit');
  A = s.tenant('acme');
  B = s.tenant('globex');
});
afterAll(async () => {
  await s?.close();
});

const actor = { type: 'user' as const, id: 'u-1', email: 'owner@acme.test' };

describe('audit trail', () => {
  it('chains events per tenant and verifies', async () => {
    for (let i = 0; i < 3; i++) {
      await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
        appendAuditEvent(tx, {
          tenantId: A,
          actor,
          action: 'instance.created',
          target: { type: 'instance', id: `i${i}` },
          data: { i, nested: { b: 2, a: [1, 'x'] } },
        }),
      );
    }
    await inTenantTx(s.app.db, { tenantId: B }, (tx) =>
      appendAuditEvent(tx, { tenantId: B, actor, action: 'restore.requested' }),
    );
    const a = await inTenantTx(s.app.db, { tenantId: A }, (tx) => verifyAuditChain(tx, A));
    expect(a).toMatchObject({ ok: true, count: 3 });
    const b = await inTenantTx(s.app.db, { tenantId: B }, (tx) => verifyAuditChain(tx, B));
    expect(b).toMatchObject({ ok: true, count: 1 });
  });

  it('concurrent appends for one tenant never fork the chain', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        inTenantTx(s.app.db, { tenantId: A }, (tx) =>
          appendAuditEvent(tx, {
            tenantId: A,
            actor,
            action: 'instance.backup_requested',
            data: { i },
          }),
        ),
      ),
    );
    const verdict = await inTenantTx(s.app.db, { tenantId: A }, (tx) => verifyAuditChain(tx, A));
    expect(verdict).toMatchObject({ ok: true, count: 13 });
  });

  it('the app role cannot append to another tenant’s chain', async () => {
    // drizzle wraps the driver error; the database's reason is the cause
    await expect(
      inTenantTx(s.app.db, { tenantId: A }, (tx) =>
        appendAuditEvent(tx, { tenantId: B, actor, action: 'x' }),
      ),
    ).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/row-level security/) }),
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE for every role, the owner included', async () => {
    for (const url of [s.scratch.ownerUrl, s.scratch.platformUrl]) {
      const c = await connect(url);
      try {
        await expect(c.query(`update audit_events set action = 'x'`)).rejects.toThrow(
          /audit trail is append-only/,
        );
        await expect(c.query(`delete from audit_events`)).rejects.toThrow(
          /audit trail is append-only/,
        );
        await expect(c.query(`truncate audit_events`)).rejects.toThrow(
          /audit trail is append-only/,
        );
      } finally {
        await c.end();
      }
    }
    const app = await connect(s.scratch.appUrl);
    try {
      // the app has no UPDATE/DELETE grant at all: refused before the trigger
      await expect(app.query(`update audit_events set action = 'x'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.query(`delete from audit_events`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    const count = await s.platform.db.$count((await import('../schema')).auditEvents);
    expect(count).toBe(14);
  });

  it('a tampered row (trigger disabled by the owner) is named by verifyAuditChain', async () => {
    const owner = await connect(s.scratch.ownerUrl);
    try {
      await owner.query('begin');
      await owner.query('alter table audit_events disable trigger audit_events_no_update_delete');
      await owner.query('alter table audit_events no force row level security');
      const r = await owner.query(
        `update audit_events set data = jsonb_set(data, '{i}', '99') where tenant_id = $1 and seq = 2 returning id`,
        [A],
      );
      expect(r.rowCount).toBe(1);
      await owner.query('alter table audit_events force row level security');
      await owner.query('alter table audit_events enable trigger audit_events_no_update_delete');
      await owner.query('commit');
      const tamperedId = Number(r.rows[0].id);

      const verdict = await inTenantTx(s.app.db, { tenantId: A }, (tx) => verifyAuditChain(tx, A));
      expect(verdict).toEqual({
        ok: false,
        seq: 2,
        id: tamperedId,
        reason: expect.stringMatching(/altered/),
      });
      // other tenants' chains are untouched
      expect(
        await inTenantTx(s.app.db, { tenantId: B }, (tx) => verifyAuditChain(tx, B)),
      ).toMatchObject({ ok: true });
    } finally {
      await owner.end();
    }
  });
});
