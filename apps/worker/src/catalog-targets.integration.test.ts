/**
 * Pre-flight knows what exists (issue 12, items 8 and 9), against a real instance archiving to
 * both regions: restore points and transaction ids are refused unless archived WAL holds them,
 * and an LSN inside the window stays restorable across syncs that find no new WAL (it used to
 * alternate with "nothing is restorable yet" because such a sync wrote a null LSN).
 */
import { parseStackEnv, type AppError } from '@rewind/core';
import { getInstance, inTenantTx, preflightRestore } from '@rewind/db';
import { createInstance } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataPlaneHarness, type DataPlaneHarness } from './data-plane-harness';

describe('pre-flight against what archived WAL holds', () => {
  let h: DataPlaneHarness;
  let tenantId: string;
  let instanceId: string;
  let runSql: (text: string) => Promise<string>;
  let destroy: () => Promise<void>;
  const ref = () => ({ tenantId, instanceId });
  const preflight = (target: unknown) =>
    inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      preflightRestore(tx, {
        tenantId,
        instanceId,
        body: { target, mode: 'clone' },
        regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
      }),
    ).then(
      (r) => ({ ok: true as const, plan: r.plan }),
      (err: AppError) => ({ ok: false as const, code: err.code, message: err.message }),
    );

  beforeAll(async () => {
    h = await startDataPlaneHarness(parseStackEnv(process.env), 'targets');
    tenantId = h.db.tenant('globex'); // business plan: archive_timeout 15 s
    instanceId = await h.createRecord('globex', 'targets');
    await h.client.workflow.execute(createInstance, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.createInstance(tenantId, instanceId),
      args: [ref()],
      workflowExecutionTimeout: '10 minutes',
    });
    const row = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstance(tx, tenantId, instanceId),
    );
    const { createEngine, engineConfigFromEnv } = await import('@rewind/engine');
    const engine = createEngine(engineConfigFromEnv(h.env));
    runSql = (text) =>
      engine.runSql(
        { socketDir: engine.paths(row.stanza).run, port: row.port!, database: row.databaseName },
        text,
        { context: 'test' },
      );
    destroy = async () => {
      await engine.stanzaDelete({ instanceId: row.stanza }).catch(() => undefined);
      await engine.destroyInstance({ instanceId: row.stanza }).catch(() => undefined);
    };
  }, 600_000);

  afterAll(async () => {
    await destroy?.();
    await h?.client.workflow
      .getHandle(workflowIds.catalogSync(tenantId, instanceId))
      .terminate('test over')
      .catch(() => undefined);
    await h?.close();
  }, 240_000);

  it('records restore points and the newest xid at sync; refuses names never created and xids not yet archived', async () => {
    await runSql('create table t (id int); insert into t values (1)');
    await runSql("select pg_create_restore_point('before-drop')");
    const xid = Number(
      await runSql('begin; insert into t values (2); select txid_current(); commit;').then((o) =>
        o.split('\n').find((l) => /^\d+$/.test(l.trim())),
      ),
    );
    await runSql('select pg_switch_wal()');
    // a commit after the switch, so the segment with the restore point is complete and archived
    await runSql('insert into t values (3)');
    await runSql('select pg_switch_wal()');
    let seen = false;
    for (let i = 0; i < 30 && !seen; i++) {
      await h.activities.syncCatalog(ref());
      const p = await preflight({ name: 'before-drop' });
      seen = p.ok;
      if (!seen) await new Promise((r) => setTimeout(r, 2000));
    }
    expect(seen).toBe(true);
    expect(await preflight({ xid: String(xid) })).toMatchObject({ ok: true });
    for (const name of ['../../../../etc/passwd', '$(reboot)', '`id`;rm -rf /', 'before-dro'])
      expect(await preflight({ name }), name).toMatchObject({
        ok: false,
        code: 'target_not_found',
        message: expect.stringMatching(/is not in archived WAL.*before-drop/),
      });
    for (const x of ['4000000000', '18446744073709551615'])
      expect(await preflight({ xid: x }), x).toMatchObject({
        ok: false,
        code: 'target_after_window',
        message: expect.stringMatching(/newest transaction committed in archived WAL/),
      });
  }, 300_000);

  it('an LSN inside the window stays restorable through syncs that find no new WAL', async () => {
    const lsn = (await runSql('select pg_current_wal_lsn()')).trim();
    await runSql('insert into t values (4)');
    await runSql('select pg_switch_wal()');
    let ok = false;
    for (let i = 0; i < 30 && !ok; i++) {
      await h.activities.syncCatalog(ref());
      ok = (await preflight({ lsn })).ok;
      if (!ok) await new Promise((r) => setTimeout(r, 2000));
    }
    expect(ok).toBe(true);
    // repeated syncs with nothing new archived in between, a pre-flight after each
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      await h.activities.syncCatalog(ref());
      const p = await preflight({ lsn });
      answers.push(p.ok ? 'ok' : `${p.code}: ${p.message}`);
    }
    expect(answers).toEqual(['ok', 'ok', 'ok', 'ok']);
  }, 300_000);
});
