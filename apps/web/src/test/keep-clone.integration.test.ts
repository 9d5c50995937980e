import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceRecord, inTenantTx } from '@rewind/db';
import { createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import { extendCloneUpdate } from '@rewind/workflows/messages';
import type { InstanceCredentials, InstanceDetail, RestoreView } from '../lib/api-types';
import { call } from './api-call';
import { pollUntil, sqlAs } from './real-instance';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Keep as a permanent instance, on the real stack: one real source instance and one clone of it
 * (a `latest` restore) in a tenant of the test's own. The kept clone outlives its former expiry,
 * archives WAL to both regions under its own stanza and is an instance like any other; a tenant
 * at its plan's limit is refused and nothing changes.
 */
let f: StackFixtures;
let t: ScratchTenant;
let temporal: Client;
let connection: Connection;
let sourceId: string;
let cloneId: string;
let restore: RestoreView;
/** the clone's expiry as its restore workflow had it just before it was kept */
let formerExpiry: number;

const api = (method: string, p: string, token: string, body?: unknown) =>
  call(f.baseUrl, method, p, { token, ...(body !== undefined ? { body } : {}) });
const detail = async (id: string) =>
  (await api('GET', `/api/v1/instances/${id}`, t.people.owner.token)).body as InstanceDetail;
const credentials = async (id: string) =>
  (await api('POST', `/api/v1/instances/${id}/password`, t.people.owner.token))
    .body as InstanceCredentials;
const latestOf = (d: InstanceDetail) =>
  d.window.regions.map((r) => (r.latest ? Date.parse(r.latest) : 0));

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'keep');
  connection = await Connection.connect({ address: f.env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection, namespace: f.env.TEMPORAL_NAMESPACE });
  const created = await api('POST', '/api/v1/instances', t.people.owner.token, {
    name: `keep-${randomUUID().slice(0, 6)}`,
  });
  expect(created.status).toBe(201);
  sourceId = (created.body as { id: string }).id;
  await pollUntil(
    'source running',
    () => detail(sourceId),
    (d) => d.status === 'running',
    280_000,
  );
  const wrote = Date.now();
  expect(
    await sqlAs(
      await credentials(sourceId),
      "create table notes (id int primary key, note text); insert into notes values (1, 'before')",
    ),
  ).toBe('[]');
  // both regions hold the commit before the clone is made, so `latest` replays it
  await pollUntil(
    'source window past the commit',
    () => detail(sourceId),
    (d) => latestOf(d).every((l) => l > wrote),
    180_000,
  );
  const requested = await api(
    'POST',
    `/api/v1/instances/${sourceId}/restores`,
    t.people.owner.token,
    { target: 'latest', mode: 'clone' },
  );
  expect(requested.status).toBe(202);
  const restoreId = (requested.body as { id: string }).id;
  restore = await pollUntil(
    'clone restore finished',
    async () =>
      (await api('GET', `/api/v1/restores/${restoreId}`, t.people.owner.token)).body as RestoreView,
    (r) => r.status !== 'running' && r.status !== 'pending_approval',
    300_000,
  );
  expect(restore).toMatchObject({ status: 'succeeded', result: { kind: 'clone' } });
  cloneId = restore.result!.instanceId;
}, 600_000);

afterAll(async () => {
  // a failed run must not leave instances running until the stack goes down
  for (const id of [cloneId, sourceId])
    if (id) await api('DELETE', `/api/v1/instances/${id}`, t.people.owner.token).catch(() => 0);
  await connection?.close();
  await f?.close();
});

describe('a latest restore names the second it reached', () => {
  it('the restore view carries the last commit the copy applied', () => {
    expect(restore.target).toEqual({ latest: true });
    expect(restore.resolvedTargetAt).toEqual(expect.any(String));
  });
});

describe('POST /api/v1/instances/{id}/keep', () => {
  it('members may not keep (403); a primary is refused (400)', async () => {
    expect(
      (await api('POST', `/api/v1/instances/${cloneId}/keep`, t.people.member.token)).status,
    ).toBe(403);
    const primary = await api('POST', `/api/v1/instances/${sourceId}/keep`, t.people.owner.token);
    expect(primary.status).toBe(400);
    expect((await detail(cloneId)).kind).toBe('clone');
  });

  it('a kept clone becomes a permanent instance that outlives its former expiry and archives WAL to both regions', async () => {
    // a short TTL, so the test can wait past it: the restore workflow holds the timer
    const handle = temporal.workflow.getHandle(
      (
        await f.platform.pool.query<{ workflow_id: string }>(
          'select workflow_id from restores where id = $1',
          [restore.id],
        )
      ).rows[0]!.workflow_id,
    );
    formerExpiry = Date.now() + 40_000;
    await handle.executeUpdate(extendCloneUpdate, {
      args: [{ expiresAt: new Date(formerExpiry).toISOString(), byUserId: t.people.owner.id }],
    });

    const kept = await api('POST', `/api/v1/instances/${cloneId}/keep`, t.people.admin.token);
    expect(kept.status).toBe(202);
    expect(kept.body).toEqual({ id: cloneId, status: 'creating', restoreId: restore.id });
    // the TTL timer is gone with the restore workflow, which ended without removing the clone
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');

    const running = await pollUntil(
      'kept clone running',
      () => detail(cloneId),
      (d) => d.status === 'running' || d.status === 'failed',
      300_000,
    );
    expect(running).toMatchObject({ status: 'running', kind: 'primary', expiresAt: null });
    const view = (await api('GET', `/api/v1/restores/${restore.id}`, t.people.owner.token))
      .body as RestoreView;
    expect(view).toMatchObject({
      phase: 'clone_kept',
      result: { kind: 'primary', expiresAt: null },
    });

    // its own data, its own archive: a commit after the keep reaches both regions' windows
    const c = await credentials(cloneId);
    const wrote = Date.now();
    expect(await sqlAs(c, "insert into notes values (2, 'after keep')")).toBe('[]');
    const archived = await pollUntil(
      'kept instance window past the commit',
      () => detail(cloneId),
      (d) => d.window.regions.length === 2 && latestOf(d).every((l) => l > wrote),
      240_000,
    );
    expect(archived.window.regions.map((r) => r.region).sort()).toEqual(['region-a', 'region-b']);

    // past the expiry it had as a clone, it still serves
    if (Date.now() < formerExpiry)
      await new Promise((r) => setTimeout(r, formerExpiry - Date.now() + 2_000));
    expect(await sqlAs(c, 'select note from notes order by id')).toBe(
      '[{"note":"before"},{"note":"after keep"}]',
    );
    expect((await detail(cloneId)).status).toBe('running');
    const audit = (
      await api('GET', `/api/v1/audit?instanceId=${cloneId}&limit=50`, t.people.owner.token)
    ).body as { events: Array<{ action: string }> };
    expect(audit.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['instance.clone_kept', 'instance.ready']),
    );
  }, 600_000);

  it('at the plan limit: 409 saying so, and the clone stays a clone with its expiry', async () => {
    // a catalog-only clone and the restore that made it: the refusal comes before the workflow is asked
    const expiresAt = new Date(Math.floor((Date.now() + 3600_000) / 1000) * 1000);
    const other = await inTenantTx(f.platform.db, { tenantId: t.id }, (tx) =>
      createInstanceRecord(tx, {
        tenantId: t.id,
        name: `limit-${randomUUID().slice(0, 6)}`,
        secretKey: f.env.REWIND_SECRET_KEY,
        hostId: f.env.REWIND_HOST_ID,
        kind: 'clone',
        sourceInstanceId: sourceId,
        expiresAt,
        ignorePlanLimit: true,
      }),
    );
    await f.platform.pool.query(`update instances set status = 'running' where id = $1`, [
      other.id,
    ]);
    await f.platform.pool.query(
      `insert into restores (tenant_id, instance_id, requested_by, workflow_id, target, mode, status, phase, result_instance_id, finished_at)
       values ($1, $2, $3, $4, '{"latest":true}', 'clone', 'succeeded', 'done', $5, now())`,
      [t.id, sourceId, t.people.owner.id, `test-gone-${randomUUID()}`, other.id],
    );
    // the free plan allows one instance; the tenant has two (the source and the kept clone)
    await f.platform.pool.query(`update tenants set plan_id = 'free' where id = $1`, [t.id]);
    const res = await api('POST', `/api/v1/instances/${other.id}/keep`, t.people.owner.token);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: {
        code: 'conflict',
        message: expect.stringMatching(/plan allows 1 instance\(s\)/),
        details: { maxInstances: 1 },
      },
    });
    const row = await f.platform.pool.query(
      'select kind, status, expires_at from instances where id = $1',
      [other.id],
    );
    expect(row.rows[0]).toEqual({ kind: 'clone', status: 'running', expires_at: expiresAt });
    const audit = await f.platform.pool.query(
      `select count(*)::int as n from audit_events where tenant_id = $1 and action = 'instance.clone_kept' and target_id = $2`,
      [t.id, other.id],
    );
    expect(audit.rows[0]).toEqual({ n: 0 });
  });
});
