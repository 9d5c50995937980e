import { decryptSecret } from '@rewind/core';
import { archivePrefix } from '@rewind/activities';
import { auditEvents } from '@rewind/db';
import { findRows } from '@rewind/db/testing';
import { queryAsRoleReadOnly } from '@rewind/engine';
import { loadTestEnv } from '@rewind/engine/testing';
import { listKeys } from '@rewind/storage';
import {
  approveRestoreUpdate,
  extendCloneUpdate,
  restoreProgressQuery,
  undoReplaceUpdate,
} from '@rewind/workflows/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exists,
  portListening,
  processesMentioning,
  restoreSuite,
  sleep,
  type RestoreSuite,
} from './testing/restore-suite';

const env = loadTestEnv();
let s: RestoreSuite;

beforeAll(async () => {
  s = await restoreSuite(env, 'replace');
}, 300_000);

afterAll(async () => {
  await s?.close();
}, 120_000);

const notes = async () =>
  (await s.onSource('select note from orders order by id')).split('\n').filter(Boolean);

describe('cancel', () => {
  it('cancelled while restoring: status cancelled, no process, port or directory of the clone survives', async () => {
    const r = await s.start({
      target: { time: new Date(Date.parse(s.deletedAt) - 1000).toISOString() },
    });
    const restoring = await s.waitFor(
      r.id,
      (x) => x.phase === 'restoring' && x.resultInstanceId !== null,
    );
    const cloneId = restoring.resultInstanceId!;
    const clone = await s.instanceRow(cloneId);
    // what POST /api/v1/restores/{id}/cancel does after its audit event
    await r.handle.cancel();
    await expect(r.handle.result()).rejects.toThrow();
    const after = await s.row(r.id);
    expect(after).toMatchObject({ status: 'cancelled', error: 'cancelled' });
    expect((await s.instanceRow(cloneId)).status).toBe('deleted');
    const paths = s.engine.paths(cloneId);
    expect(await exists(paths.root)).toBe(false);
    expect(await exists(paths.run)).toBe(false);
    expect(await processesMentioning(paths.root)).toEqual([]);
    expect(await portListening(clone.port!)).toBe(false);
  }, 300_000);

  it('engine.restore aborted mid-run kills pgbackrest', async () => {
    const dir = `${s.engine.paths(s.source.stanza).root}/abort-probe`;
    const ac = new AbortController();
    const run = s.engine.restore({
      instanceId: s.source.stanza,
      targetDir: dir,
      repo: 1,
      target: { type: 'default' },
      signal: ac.signal,
    });
    await sleep(400);
    ac.abort();
    await expect(run).rejects.toThrow(/aborted/);
    expect(await processesMentioning(`--pg1-path=${dir}`)).toEqual([]);
    await s.engine.destroyCluster({ pgdata: dir, label: 'abort probe' });
  }, 120_000);
});

describe('replace', () => {
  it('DELETE FROM orders at T, replace to T − 1 s: same endpoint serves every order on a new timeline, archives; undo brings the delete back', async () => {
    const before = await s.instanceRow(s.source.id);
    expect(await notes()).toEqual(['tail']);
    const r = await s.start({
      target: { time: new Date(Date.parse(s.deletedAt) - 1000).toISOString() },
      mode: 'replace',
    });
    expect(r.needsApproval).toBe(true);
    await s.waitFor(r.id, (x) => x.phase === 'awaiting_approval');
    // the requester cannot approve a replace; a second person can
    await expect(
      r.handle.executeUpdate(approveRestoreUpdate, {
        args: [{ approverUserId: s.ownerId, reason: 'mine' }],
      }),
    ).rejects.toThrow();
    await r.handle.executeUpdate(approveRestoreUpdate, {
      args: [{ approverUserId: s.secondUserId, reason: 'bad delete' }],
    });
    const done = await s.waitFor(r.id, (x) => x.status === 'succeeded');
    const view = await r.handle.query(restoreProgressQuery);
    expect(view).toMatchObject({ mode: 'replace', phase: 'done', status: 'succeeded' });
    expect(view.timeline).toBeGreaterThan(1);
    expect(view.targetLsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(done.progress).toMatchObject({ targetLsn: view.targetLsn });

    // same record, same port, same credentials; every order back
    const after = await s.instanceRow(s.source.id);
    expect(after).toMatchObject({
      id: before.id,
      port: before.port,
      status: 'running',
      stanza: before.stanza,
    });
    const password = decryptSecret(after.passwordEnc, env.REWIND_SECRET_KEY);
    const asTenant = async (sql: string) =>
      (
        await queryAsRoleReadOnly(
          { port: after.port!, database: after.databaseName, user: after.username, password },
          sql,
        )
      ).rows;
    expect((await asTenant('select note from orders order by id')).map((x) => x[0])).toEqual([
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
    ]);
    // the clone it came from is gone
    expect((await s.instanceRow(done.resultInstanceId!)).status).toBe('deleted');
    expect(await exists(s.engine.paths(done.resultInstanceId!).root)).toBe(false);

    // new writes, archived on the new timeline into both regions
    // (asTenant is read-only by design: it is how tenants' validation queries run)
    await s.onSource("insert into orders(note) values ('after-replace')");
    const segment = (await s.onSource('select pg_walfile_name(pg_current_wal_lsn())')).trim();
    expect(Number.parseInt(segment.slice(0, 8), 16)).toBe(view.timeline);
    await s.onSource('select pg_switch_wal()');
    for (const client of [s.deps.regions.a, s.deps.regions.b]) {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const keys = await listKeys(client, archivePrefix(after.stanza));
        if (keys.some((k) => k.includes(`/${segment}-`))) break;
        if (Date.now() > deadline)
          throw new Error(`${segment} never reached ${client.region.name}`);
        await sleep(1000);
      }
      const keys = await listKeys(client, archivePrefix(after.stanza));
      expect(keys.some((k) => k.endsWith(`${segment.slice(0, 8)}.history`))).toBe(true);
    }
    const audit = await findRows(s.platform.db, auditEvents, { tenantId: s.tenantId });
    expect(audit.filter((e) => e.targetId === r.id).map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'restore.requested',
        'restore.approved',
        'restore.cutover_started',
        'restore.replaced',
      ]),
    );

    // undo: the post-delete data serves again, on the same endpoint
    const undo = await r.handle.executeUpdate(undoReplaceUpdate, {
      args: [{ byUserId: s.ownerId, reason: 'changed our mind' }],
    });
    expect(undo.status).toBe('undone');
    expect(await notes()).toEqual(['tail']);
    expect((await asTenant('select count(*) from orders'))[0]![0]).toBe('1');
    await expect(
      r.handle.executeUpdate(undoReplaceUpdate, { args: [{ byUserId: s.ownerId }] }),
    ).rejects.toThrow();
    expect((await s.row(r.id)).phase).toBe('undone');

    // the TTL's end destroys what was kept aside
    const root = s.engine.paths(s.source.stanza).root;
    expect(await exists(`${root}/pgdata.undone-${r.id}`)).toBe(true);
    await r.handle.executeUpdate(extendCloneUpdate, {
      args: [{ expiresAt: new Date().toISOString(), byUserId: s.ownerId }],
    });
    await r.handle.result();
    expect(await exists(`${root}/pgdata.undone-${r.id}`)).toBe(false);
    expect(await exists(`${root}/pgdata.before-${r.id}`)).toBe(false);
    expect((await s.row(r.id)).phase).toBe('undone_data_destroyed');
  }, 600_000);
});
