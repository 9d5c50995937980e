import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { parseStackEnv } from '@rewind/core';
import { getInstance, getRestore, inTenantTx, listRestoreDrills } from '@rewind/db';
import { createEngine, engineConfigFromEnv, type Engine } from '@rewind/engine';
import { restoreDrill } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillScheduleId } from './backup-scheduler';
import { startDataPlaneHarness, type DataPlaneHarness } from './data-plane-harness';
import { provisionSource, syncCatalog } from './testing/restore-fixture';

describe('restore drill: clone restore to a recent target, checked, recorded, destroyed', () => {
  let h: DataPlaneHarness;
  let engine: Engine;
  let tenantId: string;
  let instanceId: string;
  let stanza: string;
  const ref = () => ({ tenantId, instanceId });

  beforeAll(async () => {
    h = await startDataPlaneHarness(parseStackEnv(process.env), 'drill');
    engine = createEngine(engineConfigFromEnv(h.env));
    tenantId = h.db.tenant('globex');
    // provisioned through the engine like the restore tests' sources: restoreClone addresses the
    // source's pgBackRest stanza by instance id (see the report), which createInstance names inst-<id>
    const source = await provisionSource(h.env, engine, h.db.app.db, tenantId, 'drilled');
    instanceId = source.id;
    stanza = source.id;
    const sql = (text: string) =>
      engine.runSql(
        { socketDir: engine.paths(stanza).run, port: source.port!, database: source.databaseName },
        text,
        {
          context: 'drill test data',
        },
      );
    await engine.backup({ instanceId: stanza, type: 'full', repo: 1 });
    await engine.backup({ instanceId: stanza, type: 'full', repo: 2 });
    await sql(
      "CREATE TABLE orders (id bigserial primary key, note text); INSERT INTO orders (note) VALUES ('a'), ('b')",
    );
    // the commit time is known only after the commit: read it in a second statement
    const xid = await sql("INSERT INTO orders (note) VALUES ('c') RETURNING xmin");
    const [at, lsn] = (
      await sql(
        `SELECT to_char(pg_xact_commit_timestamp('${xid}'::xid) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), pg_current_wal_insert_lsn()`,
      )
    ).split('|');
    await engine.check({ instanceId: stanza });
    await syncCatalog(h.env, engine, h.db.app.db, source, { at: at!, lsn: lsn! });
    await h.activities.ensureBackupSchedules({
      tenantId,
      instanceId,
      taskQueue: h.controlPlaneQueue,
    });
  }, 300_000);

  afterAll(async () => {
    if (!h) return;
    try {
      if (instanceId) await h.activities.deleteBackupSchedules(ref()).catch(() => undefined);
      if (stanza) {
        await engine.stanzaDelete({ instanceId: stanza }).catch(() => undefined);
        await engine.destroyInstance({ instanceId: stanza }).catch(() => undefined);
      }
    } finally {
      await h.close();
    }
  }, 300_000);

  it('is scheduled daily with the instance', async () => {
    const d = await h.client.schedule.getHandle(drillScheduleId(tenantId, instanceId)).describe();
    expect(d.action).toMatchObject({
      workflowType: 'restoreDrill',
      taskQueue: h.controlPlaneQueue,
    });
    expect(d.spec.intervals?.[0]?.every).toBe(24 * 60 * 60 * 1000);
  });

  it('runs on demand: succeeded with its checks, the clone destroyed, invisible to another tenant', async () => {
    const started = Date.now();
    const result = await h.client.workflow.execute(restoreDrill, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.drill(
        tenantId,
        instanceId,
        `manual-${randomBytes(4).toString('hex')}`,
      ),
      args: [{ tenantId, instanceId, trigger: 'manual', cloneTtlSeconds: 1 }],
      workflowExecutionTimeout: '10 minutes',
    });
    console.log(
      `[drill] ${JSON.stringify(result)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(result.status).toBe('succeeded');

    const drills = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      listRestoreDrills(tx, tenantId, instanceId),
    );
    expect(drills).toHaveLength(1);
    const [drill] = drills;
    expect(drill).toMatchObject({
      status: 'succeeded',
      trigger: 'manual',
      error: null,
      region: h.env.REGION_A_NAME,
    });
    expect(drill!.target).toMatchObject({ time: expect.stringMatching(/Z$/) });
    expect(drill!.checks.length).toBeGreaterThan(0);
    expect(drill!.checks.every((c) => c.ok)).toBe(true);
    expect(drill!.durationSeconds).not.toBeNull();
    expect(drill!.finishedAt).not.toBeNull();

    // the clone is gone: record deleted, directory removed
    const restore = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getRestore(tx, tenantId, drill!.restoreId!),
    );
    expect(restore.status).toBe('succeeded');
    const clone = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstance(tx, tenantId, restore.resultInstanceId!, { includeDeleted: true }),
    );
    expect(clone.status).toBe('deleted');
    expect(
      await stat(engine.paths(clone.id).root).then(
        () => true,
        () => false,
      ),
    ).toBe(false);

    const acme = h.db.tenant('acme');
    await expect(
      inTenantTx(h.db.app.db, { tenantId: acme }, (tx) => listRestoreDrills(tx, acme, instanceId)),
    ).rejects.toMatchObject({ code: 'not_found' });
  }, 600_000);
});
