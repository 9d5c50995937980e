import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { approvals, createInstanceRecord, inTenantTx, restores } from '@rewind/db';
import { findRows, insertRows, createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import { call } from './api-call';
import { restoreToPointInTime as restoreStandIn } from './fixtures/restore-stand-in';
import { stackFixtures, type StackFixtures } from './stack-fixtures';
import { browserHeaders, signIn } from './session';

let f: StackFixtures;
let t: ScratchTenant;
let instanceId: string;
let temporal: Client;
let connection: Connection;
let worker: Worker;
let workerRun: Promise<void>;
let nativeConnection: NativeConnection;
const queue = `approvals-test-${randomUUID()}`;
const started: string[] = [];
const api = (method: string, path: string, o: Parameters<typeof call>[3] = {}) =>
  call(f.baseUrl, method, path, o);

/**
 * A restore waiting for approval, requested by the owner. Its workflow id is held by a
 * stand-in workflow (fixtures/restore-stand-in.ts, on this suite's own queue and worker) that
 * answers the real approve/reject Updates: these tests check delivery, the restore workflow
 * itself is tested by its own suite.
 */
async function pendingRestore(): Promise<{ id: string; workflowId: string }> {
  const id = randomUUID();
  const workflowId = `tenant:${t.id}:instance:${instanceId}:restore:${id}`;
  await insertRows(f.platform.db, restores, {
    id,
    tenantId: t.id,
    instanceId,
    requestedBy: t.people.owner.id,
    workflowId,
    target: { latest: true },
    mode: 'replace',
    status: 'pending_approval',
  });
  await temporal.workflow.start(restoreStandIn, { taskQueue: queue, workflowId });
  started.push(workflowId);
  return { id, workflowId };
}

/** Updates the stand-in accepted, from its history. */
async function updatesOf(workflowId: string): Promise<unknown[]> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.workflowExecutionUpdateCompletedEventAttributes)
    .map((e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId);
}

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'approvals');
  const row = await inTenantTx(f.platform.db, { tenantId: t.id }, (tx) =>
    createInstanceRecord(tx, {
      tenantId: t.id,
      name: 'prod',
      secretKey: f.env.REWIND_SECRET_KEY,
      hostId: f.env.REWIND_HOST_ID,
    }),
  );
  instanceId = row.id;
  connection = await Connection.connect({ address: f.env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection, namespace: f.env.TEMPORAL_NAMESPACE });
  nativeConnection = await NativeConnection.connect({ address: f.env.TEMPORAL_ADDRESS });
  worker = await Worker.create({
    connection: nativeConnection,
    namespace: f.env.TEMPORAL_NAMESPACE,
    taskQueue: queue,
    workflowsPath: fileURLToPath(new URL('./fixtures/restore-stand-in.ts', import.meta.url)),
  });
  workerRun = worker.run();
});
afterAll(async () => {
  for (const id of started)
    await temporal.workflow
      .getHandle(id)
      .terminate('test done')
      .catch(() => undefined);
  worker?.shutdown();
  await workerRun;
  await nativeConnection?.close();
  await connection?.close();
  await f?.close();
});

describe('restore approvals', () => {
  it('the requester cannot approve their own restore (403, clear message), nothing recorded', async () => {
    const r = await pendingRestore();
    const res = await api('POST', `/api/v1/restores/${r.id}/approve`, {
      token: t.people.owner.token,
      body: { reason: 'looks right' },
    });
    expect(res.status).toBe(403);
    expect((res.body as { error: { message: string } }).error.message).toMatch(
      /you requested this restore/,
    );
    expect(await findRows(f.platform.db, approvals, { restoreId: r.id })).toEqual([]);
    expect(await updatesOf(r.workflowId)).toEqual([]);
  });

  it('the restore and the list name the requester, so the portal offers the decision only to others', async () => {
    const r = await pendingRestore();
    const one = await api('GET', `/api/v1/restores/${r.id}`, { token: t.people.member.token });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      status: 'pending_approval',
      requestedBy: { id: t.people.owner.id, email: t.people.owner.email },
    });
    const list = await api('GET', `/api/v1/restores?instanceId=${instanceId}`, {
      token: t.people.admin.token,
    });
    const item = (
      list.body as Array<{
        id: string;
        requestedBy: unknown;
        region: unknown;
        verified: unknown;
        finishedAt: unknown;
      }>
    ).find((x) => x.id === r.id);
    expect(item?.requestedBy).toEqual({ id: t.people.owner.id, email: t.people.owner.email });
    // the history's other columns: no checks ran yet, not finished (this fixture records no region)
    expect(item).toMatchObject({ region: null, verified: null, finishedAt: null });
  });

  it('a member cannot approve or reject (403)', async () => {
    const r = await pendingRestore();
    for (const verb of ['approve', 'reject']) {
      const res = await api('POST', `/api/v1/restores/${r.id}/${verb}`, {
        token: t.people.member.token,
        body: { reason: 'sure' },
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(await findRows(f.platform.db, approvals, { restoreId: r.id })).toEqual([]);
  });

  it('a second person approves: recorded, audited, delivered to the workflow; a second decision is refused', async () => {
    const r = await pendingRestore();
    const res = await api('POST', `/api/v1/restores/${r.id}/approve`, {
      token: t.people.admin.token,
      body: { reason: 'checked the target' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: r.id, decision: 'approved' });
    const rows = await findRows(f.platform.db, approvals, { restoreId: r.id });
    expect(rows).toMatchObject([
      { decidedBy: t.people.admin.id, decision: 'approved', reason: 'checked the target' },
    ]);
    expect(await updatesOf(r.workflowId)).toHaveLength(1);

    const audit = await api('GET', '/api/v1/audit?action=restore.approved', {
      token: t.people.member.token,
    });
    expect(
      (audit.body as { events: Array<{ target: { id: string } }> }).events.map((e) => e.target.id),
    ).toContain(r.id);

    const other = await api('POST', `/api/v1/restores/${r.id}/reject`, {
      token: t.people.admin2.token,
      body: { reason: 'no' },
    });
    expect(other.status).toBe(409);
    // the same approver repeating (e.g. after a failed delivery) is delivered again, not recorded twice
    const again = await api('POST', `/api/v1/restores/${r.id}/approve`, {
      token: t.people.admin.token,
      body: { reason: 'checked the target' },
    });
    expect(again.status).toBe(202);
    expect(await findRows(f.platform.db, approvals, { restoreId: r.id })).toHaveLength(1);
  });

  it('reject works the same way', async () => {
    const r = await pendingRestore();
    const res = await api('POST', `/api/v1/restores/${r.id}/reject`, {
      token: t.people.admin2.token,
      body: { reason: 'wrong instance' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ decision: 'rejected' });
    expect(await updatesOf(r.workflowId)).toHaveLength(1);
  });

  it('a platform admin decides on any tenant through the admin path; tokens and tenant users get 404 there', async () => {
    const r = await pendingRestore();
    const viaToken = await api('POST', `/api/v1/admin/restores/${r.id}/approve`, {
      token: t.people.owner.token,
      body: { reason: 'x' },
    });
    expect(viaToken.status).toBe(404);
    const cookie = await signIn(f.baseUrl, 'admin@rewind.local', 'rewind-admin-demo');
    const res = await api('POST', `/api/v1/admin/restores/${r.id}/approve`, {
      headers: browserHeaders(f.baseUrl, cookie),
      body: { reason: 'on-call approval' },
    });
    expect(res.status).toBe(202);
    const rows = await findRows(f.platform.db, approvals, { restoreId: r.id });
    expect(rows).toHaveLength(1);
    expect(await updatesOf(r.workflowId)).toHaveLength(1);
  });
});
