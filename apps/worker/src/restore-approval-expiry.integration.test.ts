import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { parseStackEnv } from '@rewind/core';
import {
  auditEvents,
  decideRestoreApproval,
  getInstance,
  getInstanceWindow,
  getRestore,
  inTenantTx,
  instances,
  requestRestore,
  tenants,
  type InstanceRecord,
  type RestoreRecord,
} from '@rewind/db';
import { findRows, updateRows } from '@rewind/db/testing';
import { createEngine, engineConfigFromEnv, hostDir, type Engine } from '@rewind/engine';
import { restoreToPointInTime } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import {
  approveRestoreUpdate,
  rejectRestoreUpdate,
  restoreProgressQuery,
} from '@rewind/workflows/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataPlaneHarness, type DataPlaneHarness } from './data-plane-harness';
import { provisionSource } from './testing/restore-fixture';

/**
 * A restore that waits for approval and gets none within its approval window ends `expired`,
 * having provisioned nothing. The window is the workflow's `approvalTimeoutSeconds` (24 h in
 * production); these tests pass a few seconds.
 */

const APPROVAL_TIMEOUT_S = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('restore approval expiry', () => {
  let h: DataPlaneHarness;
  let engine: Engine;
  let tenantId: string;
  let ownerId: string;
  let secondUserId: string;
  let source: InstanceRecord;
  let target: string;
  const regions = () => [h.env.REGION_A_NAME, h.env.REGION_B_NAME];
  const onSource = (text: string) =>
    engine.runSql(
      {
        socketDir: engine.paths(source.stanza).run,
        port: source.port!,
        database: source.databaseName,
      },
      text,
      { context: 'approval expiry test workload' },
    );
  const row = (id: string): Promise<RestoreRecord> =>
    inTenantTx(h.db.app.db, { tenantId }, (tx) => getRestore(tx, tenantId, id));

  async function instanceIds(): Promise<string[]> {
    const rows = await findRows(h.db.platform.db, instances, { tenantId });
    return rows.map((r) => r.id).sort();
  }
  async function hostEntries(): Promise<string[]> {
    return (
      await readdir(`${hostDir(h.env.REWIND_DATA_DIR, h.hostId)}/instances`).catch(() => [])
    ).sort();
  }
  /** postmasters (and anything else) running on a data directory under this test's host */
  async function processesUnderHost(): Promise<string[]> {
    const needle = `${hostDir(h.env.REWIND_DATA_DIR, h.hostId)}/instances/`;
    const out: string[] = [];
    for (const e of await readdir('/proc')) {
      if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
      const cmd = (await readFile(`/proc/${e}/cmdline`, 'utf8').catch(() => '')).replaceAll(
        '\0',
        ' ',
      );
      if (cmd.includes(needle)) out.push(cmd.trim());
    }
    return out;
  }
  const onlySourceRuns = async () => {
    const procs = await processesUnderHost();
    expect(procs.filter((c) => !c.includes(`/instances/${source.stanza}/`))).toEqual([]);
  };

  async function start(mode: 'clone' | 'replace') {
    const r = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      requestRestore(tx, {
        tenantId,
        instanceId: source.id,
        requestedBy: ownerId,
        actor: { type: 'user', id: ownerId },
        body: { target: { time: target }, mode },
        regions: regions(),
        workflowIdFor: (id) => workflowIds.restore(tenantId, source.id, id),
      }),
    );
    const handle = await h.client.workflow.start(restoreToPointInTime, {
      taskQueue: h.controlPlaneQueue,
      workflowId: r.workflowId,
      args: [
        {
          tenantId,
          instanceId: source.id,
          restoreId: r.id,
          requestedBy: ownerId,
          mode: r.mode,
          needsApproval: r.needsApproval,
          hostId: h.hostId,
          controlPlaneQueue: h.controlPlaneQueue,
          approvalTimeoutSeconds: APPROVAL_TIMEOUT_S,
        },
      ],
      workflowExecutionTimeout: '5 minutes',
    });
    return { ...r, handle };
  }

  async function waitForPhase(id: string, phase: string, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await row(id);
      if (r.phase === phase) return r;
      if (Date.now() > deadline)
        throw new Error(`restore still ${r.status}/${r.phase} after ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  async function auditActions(restoreId: string): Promise<string[]> {
    const rows = await findRows(
      h.db.platform.db,
      auditEvents,
      { tenantId, targetId: restoreId },
      { orderBy: 'seq' },
    );
    return rows.map((r) => r.action);
  }

  /** The update's failure: WorkflowUpdateFailedError says only "Workflow Update failed", its cause why. */
  async function updateRefusal(update: Promise<unknown>): Promise<string> {
    try {
      await update;
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      return String((err as WorkflowUpdateFailedError).cause?.message);
    }
    throw new Error('the update was accepted');
  }

  /** The requester's own decision is refused while pending, by the workflow and by the API's record step. */
  async function expectSelfDecisionRefused(r: Awaited<ReturnType<typeof start>>) {
    expect(
      await updateRefusal(
        r.handle.executeUpdate(approveRestoreUpdate, {
          args: [{ approverUserId: ownerId, reason: 'my own' }],
        }),
      ),
    ).toMatch(/requested a restore cannot approve or reject it/);
    expect(
      await updateRefusal(
        r.handle.executeUpdate(rejectRestoreUpdate, {
          args: [{ approverUserId: ownerId, reason: 'my own' }],
        }),
      ),
    ).toMatch(/requested a restore cannot approve or reject it/);
    await expect(
      inTenantTx(h.db.app.db, { tenantId }, (tx) =>
        decideRestoreApproval(tx, tenantId, {
          restoreId: r.id,
          deciderUserId: ownerId,
          decision: 'approved',
          reason: 'my own',
        }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // still waiting after the refusals
    expect(await r.handle.query(restoreProgressQuery)).toMatchObject({
      status: 'pending_approval',
      phase: 'awaiting_approval',
    });
  }

  /** Expired, finished, audited, and nothing provisioned: no clone row, no new directory, no new postmaster. */
  async function expectExpiredAndNothingProvisioned(
    r: Awaited<ReturnType<typeof start>>,
    before: { ids: string[]; dirs: string[] },
  ) {
    const result = await r.handle.result();
    expect(result).toEqual({ status: 'expired', cloneId: null, region: null });
    const done = await row(r.id);
    expect(done).toMatchObject({ status: 'expired', phase: 'done', resultInstanceId: null });
    expect(done.finishedAt).not.toBeNull();
    expect(await auditActions(r.id)).toEqual(['restore.requested', 'restore.expired']);
    expect(await instanceIds()).toEqual(before.ids);
    const clones = await findRows(h.db.platform.db, instances, {
      tenantId,
      sourceInstanceId: source.id,
    });
    expect(clones.map((c) => c.id)).toEqual([]);
    expect(await hostEntries()).toEqual(before.dirs);
    await onlySourceRuns();
    // a late approval by a second person is refused: nothing waits for it any more
    await expect(
      inTenantTx(h.db.app.db, { tenantId }, (tx) =>
        decideRestoreApproval(tx, tenantId, {
          restoreId: r.id,
          deciderUserId: secondUserId,
          decision: 'approved',
          reason: 'too late',
        }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      r.handle.executeUpdate(approveRestoreUpdate, {
        args: [{ approverUserId: secondUserId, reason: 'too late' }],
      }),
    ).rejects.toThrow();
  }

  beforeAll(async () => {
    h = await startDataPlaneHarness(parseStackEnv(process.env), 'apx');
    engine = createEngine(engineConfigFromEnv(h.env));
    tenantId = h.db.tenant('acme');
    ownerId = h.db.user('owner@acme.test');
    secondUserId = h.db.user('member@acme.test');
    // a real source with a restorable window: the workflow validates the target before it waits
    source = await provisionSource(
      h.env,
      engine,
      h.db.app.db,
      tenantId,
      `apx-${randomBytes(2).toString('hex')}`,
    );
    await onSource('create table orders (id serial primary key, note text not null)');
    await engine.backupBothRepos({ instanceId: source.stanza, type: 'full' });
    await sleep(1100); // pgBackRest serves only targets after the backup's stop second
    await onSource("insert into orders(note) values ('a')");
    await sleep(1100);
    await onSource("insert into orders(note) values ('b')");
    await engine.check({ instanceId: source.stanza }); // switches WAL, waits until both regions hold it
    await h.activities.syncCatalog({ tenantId, instanceId: source.id });
    const w = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstanceWindow(tx, tenantId, source.id, { regions: regions() }),
    );
    target = w.regions[0]!.latest!;
    expect(target).toBeTruthy();
  }, 240_000);

  afterAll(async () => {
    if (!h) return;
    try {
      if (source) {
        await engine
          .stanzaDelete({ instanceId: source.stanza })
          .catch((e: unknown) => console.warn(String(e)));
        await engine.destroyInstance({ instanceId: source.stanza });
      }
    } finally {
      await h.close();
    }
  }, 120_000);

  it("clone under the tenant's all_restores policy: self-approval refused, then expired after the approval window", async () => {
    await updateRows(
      h.db.platform.db,
      tenants,
      { id: tenantId },
      { approvalPolicy: 'all_restores' },
    );
    try {
      const before = { ids: await instanceIds(), dirs: await hostEntries() };
      expect(before.dirs).toEqual([source.stanza]);
      const startedAt = Date.now();
      const r = await start('clone');
      expect(r).toMatchObject({ needsApproval: true, status: 'pending_approval', mode: 'clone' });
      await waitForPhase(r.id, 'awaiting_approval');
      await expectSelfDecisionRefused(r);
      await expectExpiredAndNothingProvisioned(r, before);
      // not before its window, and not long after it
      const tookS = (Date.now() - startedAt) / 1000;
      expect(tookS).toBeGreaterThanOrEqual(APPROVAL_TIMEOUT_S);
      expect(tookS).toBeLessThan(APPROVAL_TIMEOUT_S + 30);
    } finally {
      await updateRows(
        h.db.platform.db,
        tenants,
        { id: tenantId },
        { approvalPolicy: 'replace_only' },
      );
    }
  }, 120_000);

  it('replace (always gated): self-approval refused, then expired; the source keeps serving untouched', async () => {
    const sourceBefore = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstance(tx, tenantId, source.id),
    );
    const before = { ids: await instanceIds(), dirs: await hostEntries() };
    const r = await start('replace');
    expect(r).toMatchObject({ needsApproval: true, status: 'pending_approval', mode: 'replace' });
    await waitForPhase(r.id, 'awaiting_approval');
    expect(await r.handle.query(restoreProgressQuery)).toMatchObject({ mode: 'replace' });
    await expectSelfDecisionRefused(r);
    await expectExpiredAndNothingProvisioned(r, before);
    const sourceAfter = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstance(tx, tenantId, source.id),
    );
    expect(sourceAfter).toMatchObject({
      status: 'running',
      port: sourceBefore.port,
      stanza: sourceBefore.stanza,
    });
    expect(
      (await onSource('select note from orders order by id')).split('\n').filter(Boolean),
    ).toEqual(['a', 'b']);
  }, 120_000);
});
