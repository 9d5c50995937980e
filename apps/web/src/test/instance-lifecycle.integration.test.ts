import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceRecord, inTenantTx, restores } from '@rewind/db';
import {
  insertRows,
  updateRows,
  createScratchTenant,
  type ScratchTenant,
} from '@rewind/db/testing';
import { workflowIds } from '@rewind/workflows/ids';
import type { InstanceCredentials, InstanceDetail } from '../lib/api-types';
import { call, type CallResult } from './api-call';
import { sqlAs } from './real-instance';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * Stop, start and delete of a real instance through the public API, in a tenant of the test's
 * own: the API's answers, what happens on the host (port, data directory), the audit trail, the
 * workflows under their tenant-scoped ids, and every refusal (403, 404, 409).
 */
let f: StackFixtures;
let t: ScratchTenant;
let otherOwner: string;
let temporal: Client;
let connection: Connection;
let id: string;
let detail: InstanceDetail;
let row: { hostId: string; stanza: string };
let deleted = false;
let readerBeforeStop = '';
const name = `lc-${randomUUID().slice(0, 8)}`;

const api = (
  method: string,
  p: string,
  token: string,
  o: Omit<Parameters<typeof call>[3], 'token'> = {},
) => call(f.baseUrl, method, p, { ...o, token });
const stop = (token: string, instanceId = id) =>
  api('POST', `/api/v1/instances/${instanceId}/stop`, token);
const start = (token: string, instanceId = id) =>
  api('POST', `/api/v1/instances/${instanceId}/start`, token);
const del = (token: string, instanceId = id) =>
  api('DELETE', `/api/v1/instances/${instanceId}`, token);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function statusOf(instanceId = id): Promise<string> {
  const r = await f.platform.pool.query<{ status: string }>(
    'select status from instances where id = $1',
    [instanceId],
  );
  return r.rows[0]!.status;
}

async function waitForStatus(want: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await statusOf();
    if (last === want) return;
    if (last === 'failed') break;
    await sleep(1_000);
  }
  throw new Error(`instance ${name} is ${last}, expected ${want}`);
}

/** Speaks to the port as a PostgreSQL client would first (SSLRequest): 'S' or 'N' means a postmaster answered. */
function probePostgres(host: string, port: number): Promise<'answers' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(5_000, () => {
      socket.destroy();
      reject(new Error(`no answer on ${host}:${port} within 5 s`));
    });
    socket.once('connect', () => socket.write(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])));
    socket.once('data', (b) => {
      socket.destroy();
      if (b[0] === 0x53 || b[0] === 0x4e) resolve('answers');
      else reject(new Error(`unexpected first byte ${b[0]} from ${host}:${port}`));
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') resolve('refused');
      else reject(err);
    });
  });
}

async function auditActions(): Promise<string[]> {
  const res = await api('GET', `/api/v1/audit?instanceId=${id}&limit=200`, t.people.member.token);
  expect(res.status).toBe(200);
  return (res.body as { events: Array<{ action: string }> }).events.map((e) => e.action);
}

async function workflowStatus(workflowId: string): Promise<string> {
  return (await temporal.workflow.getHandle(workflowId).describe()).status.name;
}

/** The status is set before the workflow's last step (the audit event): wait for it to close. */
async function closedStatus(workflowId: string): Promise<string> {
  let status = await workflowStatus(workflowId);
  for (let i = 0; i < 30 && status === 'RUNNING'; i++) {
    await sleep(1_000);
    status = await workflowStatus(workflowId);
  }
  return status;
}

function expectConflict(res: CallResult, message: RegExp): void {
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({
    error: { code: 'conflict', message: expect.stringMatching(message) },
  });
}

const pgdata = () =>
  path.join(f.env.REWIND_DATA_DIR, 'hosts', row.hostId, 'instances', row.stanza, 'pgdata');
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'lifecycle');
  otherOwner = await f.ownerToken('globex');
  connection = await Connection.connect({ address: f.env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection, namespace: f.env.TEMPORAL_NAMESPACE });
  const created = await api('POST', '/api/v1/instances', t.people.owner.token, { body: { name } });
  expect(created.status).toBe(201);
  id = (created.body as { id: string }).id;
  await waitForStatus('running', 280_000);
  detail = (await api('GET', `/api/v1/instances/${id}`, t.people.owner.token))
    .body as InstanceDetail;
  const r = await f.platform.pool.query<{ host_id: string; stanza: string }>(
    'select host_id, stanza from instances where id = $1',
    [id],
  );
  row = { hostId: r.rows[0]!.host_id, stanza: r.rows[0]!.stanza };
}, 300_000);

afterAll(async () => {
  // a failed run must not leave the instance running until the stack goes down
  if (t && id && !deleted) await del(t.people.owner.token).catch(() => undefined);
  await connection?.close();
  await f?.close();
});

/** the credentials as Reveal fetches them (POST …/password); null while the role is not made */
const connectionOf = async (token: string): Promise<InstanceCredentials | null> => {
  const res = await api('POST', `/api/v1/instances/${id}/password`, token);
  if (res.status === 409) return null;
  expect(res.status).toBe(200);
  return res.body as InstanceCredentials;
};

describe('who gets which credentials (issue 12: members got the owner password)', () => {
  it('owners and admins get the owner role; members only the read-only role', async () => {
    const owner = await connectionOf(t.people.owner.token);
    const admin = await connectionOf(t.people.admin.token);
    const member = await connectionOf(t.people.member.token);
    expect(owner).toMatchObject({ user: 'app', access: 'owner' });
    expect(admin).toMatchObject({ user: 'app', access: 'owner', password: owner!.password });
    expect(member).toMatchObject({
      user: 'app_readonly',
      access: 'read_only',
      database: owner!.database,
      port: owner!.port,
    });
    expect(member!.password).not.toBe(owner!.password);
    expect(JSON.stringify(member)).not.toContain(owner!.password);
  });

  it("with real SQL: the member's role can SELECT, but not INSERT, UPDATE, DELETE, DROP or CREATE; the owner can", async () => {
    const owner = (await connectionOf(t.people.owner.token))!;
    const member = (await connectionOf(t.people.member.token))!;
    expect(
      await sqlAs(
        owner,
        'create table orders (id int primary key, note text); insert into orders values (1, $$a$$), (2, $$b$$)',
      ),
    ).toBe('[]');
    expect(await sqlAs(member, 'select count(*)::int as n from orders')).toBe('[{"n":2}]');
    expect(await sqlAs(member, "insert into orders values (3, 'x')")).toMatch(
      /^ERROR: .*(read-only transaction|permission denied)/,
    );
    expect(
      await sqlAs(member, 'begin read write; insert into orders values (3, $$x$$); commit'),
    ).toMatch(/^ERROR: permission denied for table orders/);
    expect(await sqlAs(member, 'begin read write; update orders set note = null; commit')).toMatch(
      /^ERROR: permission denied for table orders/,
    );
    expect(await sqlAs(member, 'begin read write; delete from orders; commit')).toMatch(
      /^ERROR: permission denied for table orders/,
    );
    expect(await sqlAs(member, 'begin read write; drop table orders; commit')).toMatch(
      /^ERROR: must be owner of table orders/,
    );
    expect(await sqlAs(member, 'begin read write; create table mine (id int); commit')).toMatch(
      /^ERROR: permission denied for schema public/,
    );
    expect(await sqlAs(owner, 'select count(*)::int as n from orders')).toBe('[{"n":2}]');
  });

  it('neither role can read the server settings that name host paths (no pg_read_all_settings)', async () => {
    for (const c of [
      (await connectionOf(t.people.owner.token))!,
      (await connectionOf(t.people.member.token))!,
    ]) {
      for (const setting of [
        'data_directory',
        'config_file',
        'hba_file',
        'ident_file',
        'unix_socket_directories',
        'log_directory',
        'external_pid_file',
      ])
        expect(await sqlAs(c, `show ${setting}`), `${c.user}: ${setting}`).toMatch(
          /^ERROR: must be superuser or have privileges of pg_read_all_settings/,
        );
      // PostgreSQL 15 lets every role read these two: they name no host path
      expect(await sqlAs(c, 'show archive_command')).toBe(
        `[{"archive_command":"pgbackrest --stanza=${row.stanza} archive-push %p"}]`,
      );
      expect(await sqlAs(c, 'show restore_command')).toBe('[{"restore_command":""}]');
      expect(
        await sqlAs(c, "select pg_has_role(current_user, 'pg_read_all_settings', 'member') as m"),
      ).toBe('[{"m":false}]');
      // every setting this role can see: none names a path on the host
      const visible = await sqlAs(c, 'select name, setting from pg_settings');
      expect(visible).not.toContain(f.env.REWIND_DATA_DIR);
      expect(visible).not.toContain('--config');
      expect(visible).not.toContain('pgbackrest.conf');
      expect(await sqlAs(c, 'select count(*)::int as n from pg_file_settings')).toMatch(
        /^ERROR: permission denied/,
      );
    }
  });
});

describe('who may stop, start and delete', () => {
  it('a member (read-only) gets 403 on each, an admin on delete; nothing changes', async () => {
    for (const res of [
      await stop(t.people.member.token),
      await start(t.people.member.token),
      await del(t.people.member.token),
      await del(t.people.admin.token),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(await statusOf()).toBe('running');
  });

  it("another tenant's owner gets 404 on each, exactly like an unknown id; nothing changes", async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const instanceId of [id, unknown, 'not-a-uuid']) {
      for (const res of [
        await stop(otherOwner, instanceId),
        await start(otherOwner, instanceId),
        await del(otherOwner, instanceId),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ error: { code: 'not_found', message: 'instance not found' } });
      }
    }
    expect(await statusOf()).toBe('running');
  });
});

describe('refused in a state that does not allow it (409)', () => {
  it('start of a running instance', async () => {
    expectConflict(await start(t.people.owner.token), /is already running/);
  });

  it('delete under legal hold, until the hold is released', async () => {
    const on = await api('PATCH', `/api/v1/instances/${id}`, t.people.owner.token, {
      body: { legalHold: true },
    });
    expect(on.status).toBe(200);
    try {
      expectConflict(await del(t.people.owner.token), /legal hold; release the hold/);
    } finally {
      await api('PATCH', `/api/v1/instances/${id}`, t.people.owner.token, {
        body: { legalHold: false },
      });
    }
    expect(await statusOf()).toBe('running');
  });

  it('delete while a restore of it waits for approval; stop too when that restore is a replace', async () => {
    const restoreId = randomUUID();
    await insertRows(f.platform.db, restores, {
      id: restoreId,
      tenantId: t.id,
      instanceId: id,
      requestedBy: t.people.owner.id,
      workflowId: workflowIds.restore(t.id, id, restoreId),
      target: { latest: true },
      mode: 'replace',
      status: 'pending_approval',
    });
    try {
      expectConflict(
        await del(t.people.owner.token),
        new RegExp(`replace restore .* is waiting for approval \\(restore ${restoreId}\\)`),
      );
      expectConflict(
        await stop(t.people.admin.token),
        /cancel it or wait until it finishes before stopping/,
      );
    } finally {
      await updateRows(
        f.platform.db,
        restores,
        { id: restoreId },
        { status: 'cancelled', finishedAt: new Date() },
      );
    }
    expect(await statusOf()).toBe('running');
  });

  it('stop or delete of an instance still being created, and of a clone', async () => {
    const creating = await inTenantTx(f.platform.db, { tenantId: t.id }, (tx) =>
      createInstanceRecord(tx, {
        tenantId: t.id,
        name: `${name}-rec`,
        secretKey: f.env.REWIND_SECRET_KEY,
        hostId: f.env.REWIND_HOST_ID,
      }),
    );
    try {
      expectConflict(
        await stop(t.people.owner.token, creating.id),
        /is creating; only an instance that is running can be stopped/,
      );
      expectConflict(
        await del(t.people.owner.token, creating.id),
        /is creating; only an instance that is running, stopped or failed can be deleted/,
      );
      await f.platform.pool.query(
        `update instances set kind = 'clone', status = 'running', source_instance_id = $2 where id = $1`,
        [creating.id, id],
      );
      expectConflict(await stop(t.people.owner.token, creating.id), /restored clone/);
      // delete of a clone ends its restore's TTL now (clones.integration.test.ts): none made this one
      expectConflict(await del(t.people.owner.token, creating.id), /nothing holds its TTL/);
    } finally {
      // only a record: no workflow ever ran for it
      await f.platform.pool.query(`update instances set status = 'deleted' where id = $1`, [
        creating.id,
      ]);
    }
  });
});

describe('stop, start, delete', () => {
  it('stop → 202 stopping, then stopped; the port no longer answers; a second stop is refused', async () => {
    // as an instance made before the read-only role existed: no credentials stored for it
    readerBeforeStop = (await connectionOf(t.people.member.token))!.password;
    await f.platform.pool.query(
      'update instances set reader_username = null, reader_password_enc = null where id = $1',
      [id],
    );
    expect(await connectionOf(t.people.member.token)).toBeNull();
    expect(await probePostgres(detail.connection!.host, detail.connection!.port!)).toBe('answers');
    const res = await stop(t.people.admin.token);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id, status: 'stopping' });
    expectConflict(await stop(t.people.owner.token), /is already (stopping|stopped)/);
    await waitForStatus('stopped');
    expect(await probePostgres(detail.connection!.host, detail.connection!.port!)).toBe('refused');
    const seen = (await api('GET', `/api/v1/instances/${id}`, t.people.member.token))
      .body as InstanceDetail;
    expect(seen.status).toBe('stopped');
    expect(await closedStatus(workflowIds.stopInstance(t.id, id))).toBe('COMPLETED');
    expect(workflowIds.stopInstance(t.id, id)).toBe(`tenant:${t.id}:instance:${id}:stop`);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['instance.stop_requested', 'instance.stopped']),
    );
    expectConflict(await stop(t.people.owner.token), /is already stopped/);
  });

  it('start → 202 starting, then running; PostgreSQL answers on its port again', async () => {
    const res = await start(t.people.owner.token);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id, status: 'starting' });
    await waitForStatus('running');
    expect(await probePostgres(detail.connection!.host, detail.connection!.port!)).toBe('answers');
    expect(await closedStatus(workflowIds.startInstance(t.id, id))).toBe('COMPLETED');
    // an instance from before the read-only role (no credentials stored) gets it with its start
    const member = await connectionOf(t.people.member.token);
    expect(member).toMatchObject({ user: 'app_readonly', access: 'read_only' });
    expect(await sqlAs(member!, 'select count(*)::int as n from orders')).toBe('[{"n":2}]');
    expect(member!.password).not.toBe(readerBeforeStop);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['instance.start_requested', 'instance.started']),
    );
  });

  it('delete → 202 deleting, then deleted: data directory gone, port closed, 404 afterwards', async () => {
    expect(await exists(pgdata())).toBe(true);
    const res = await del(t.people.owner.token);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id, status: 'deleting' });
    deleted = true;
    expectConflict(await stop(t.people.owner.token), /is deleting/);
    await waitForStatus('deleted');
    expect(await exists(pgdata())).toBe(false);
    expect(await probePostgres(detail.connection!.host, detail.connection!.port!)).toBe('refused');
    // the backups stay until retention ends: the workflow now waits on its durable timer
    expect(await workflowStatus(workflowIds.deleteInstance(t.id, id))).toBe('RUNNING');
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['instance.delete_requested', 'instance.deleted']),
    );

    expect((await api('GET', `/api/v1/instances/${id}`, t.people.owner.token)).status).toBe(404);
    const list = await api('GET', '/api/v1/instances', t.people.owner.token);
    expect((list.body as Array<{ id: string }>).map((i) => i.id)).not.toContain(id);
    for (const again of [await del(t.people.owner.token), await start(t.people.owner.token)])
      expect(again.status).toBe(404);
  });
});
