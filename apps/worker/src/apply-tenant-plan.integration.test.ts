import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseStackEnv } from '@rewind/core';
import {
  auditEvents,
  inTenantTx,
  setTenantPlan,
  updatePlan,
  updateTenantSettings,
  type InstanceRecord,
} from '@rewind/db';
import { findRows } from '@rewind/db/testing';
import { createEngine, engineConfigFromEnv, type Engine } from '@rewind/engine';
import { applyTenantPlan, takeBackup } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { applyPlanSignal } from '@rewind/workflows/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupScheduleId, drillScheduleId } from './backup-scheduler';
import { startDataPlaneHarness, type DataPlaneHarness } from './data-plane-harness';
import { provisionSource } from './testing/restore-fixture';

const HOUR = 3600;
const DAY = 24 * HOUR;
const SYSTEM = { type: 'system' } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A running instance provisioned under the Pro plan (its files say archive_timeout 60 s and 7 days
 * of retention, as an instance made long ago would), then: its tenant moves to Business, the
 * Business plan's limits are edited, the tenant shortens its retention. The applyTenantPlan
 * workflow must bring the running server, its files and its Temporal Schedules to the new plan,
 * and takeBackup must expire with the retention the catalog holds at that moment.
 */
describe('plan and retention changes reach existing instances', () => {
  let h: DataPlaneHarness;
  let engine: Engine;
  let tenantId: string;
  let rec: InstanceRecord;
  let pendingId: string;
  const started = Date.now();
  const lap = (what: string) =>
    console.log(`[apply-plan] ${what} at +${((Date.now() - started) / 1000).toFixed(1)} s`);
  const ref = () => ({ tenantId, instanceId: rec.id });
  const sql = (text: string) =>
    engine.runSql(
      { socketDir: engine.paths(rec.stanza).run, port: rec.port!, database: rec.databaseName },
      text,
      {
        context: 'apply-plan test',
      },
    );
  const scheduleIds = () =>
    (['full', 'diff', 'incr'] as const).map((t) => backupScheduleId(tenantId, rec.id, t));
  /** the option lists of every `pgbackrest expire` the instance ran, oldest first */
  const expireRuns = async () => {
    const log = await readFile(
      path.join(engine.paths(rec.stanza).log, `${rec.stanza}-expire.log`),
      'utf8',
    ).catch(() => '');
    return log.split('\n').filter((l) => l.includes('expire command begin'));
  };
  const runTakeBackup = (label: string, type: 'full' | 'incr') =>
    h.client.workflow.execute(takeBackup, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.backup(
        tenantId,
        rec.id,
        `${label}-${randomBytes(3).toString('hex')}`,
      ),
      args: [{ ...ref(), type }],
      workflowExecutionTimeout: '10 minutes',
    });

  beforeAll(async () => {
    h = await startDataPlaneHarness(parseStackEnv(process.env), 'plan');
    engine = createEngine(engineConfigFromEnv(h.env));
    tenantId = h.db.tenant('acme'); // pro: archive_timeout 30 s; full 7 d, diff 1 d, incr 1 h
    // archive_timeout 60 s and retention 7 d in its files: the state an older plan left behind
    rec = await provisionSource(h.env, engine, h.db.app.db, tenantId, 'planned');
    await h.activities.ensureBackupSchedules({ ...ref(), taskQueue: h.controlPlaneQueue });
    // paused, so none fires mid-test (an update must keep an operator's pause, too)
    for (const id of [...scheduleIds(), drillScheduleId(tenantId, rec.id)])
      await h.client.schedule.getHandle(id).pause('apply-plan test');
    // an instance still being created: left to its createInstance workflow
    pendingId = await h.createRecord('acme', 'pending');
    lap('instance up, schedules paused');
  }, 240_000);

  afterAll(async () => {
    if (!h) return;
    try {
      await h.client.workflow
        .getHandle(workflowIds.applyTenantPlan(tenantId))
        .terminate('test over')
        .catch(() => undefined);
      if (rec) {
        await h.activities.deleteBackupSchedules(ref()).catch(() => undefined);
        if (
          await stat(engine.paths(rec.stanza).root).then(
            () => true,
            () => false,
          )
        ) {
          await engine
            .stanzaDelete({ instanceId: rec.stanza })
            .catch((e: unknown) => console.warn(String(e)));
          await engine.destroyInstance({ instanceId: rec.stanza });
        }
      }
    } finally {
      await h.close();
    }
  }, 240_000);

  it('applies a plan move, a plan-limit edit and a retention change: live archive_timeout, files, schedules, audit', async () => {
    expect(await sql('SHOW archive_timeout')).toBe('1min');

    // phase: the changes, each committed the way its route commits it
    await setTenantPlan(h.db.platform.db, tenantId, 'business', SYSTEM); // archive_timeout 15 s, incr 30 min
    await updatePlan(
      h.db.platform.db,
      'business',
      { archiveTimeoutSeconds: 20, incrBackupEverySeconds: 20 * 60 },
      SYSTEM,
    );
    await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      updateTenantSettings(tx, tenantId, { retentionDays: 3 }),
    );

    // phase: what the routes start after the commit
    const handle = await h.client.workflow.signalWithStart(applyTenantPlan, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.applyTenantPlan(tenantId),
      args: [{ tenantId }],
      signal: applyPlanSignal,
      signalArgs: [
        { requestedBy: h.db.user('owner@acme.test'), reason: 'tenant.retention_changed' },
      ],
      workflowExecutionTimeout: '5 minutes',
    });
    const result = await handle.result();
    lap(`applied: ${JSON.stringify(result)}`);
    // signalWithStart's own signal is the first pass, not a second one
    expect(result.passes).toBe(1);
    expect(result.instances).toHaveLength(2);
    expect(result.instances).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ instanceId: rec.id, status: 'running', outcome: 'applied' }),
        expect.objectContaining({ instanceId: pendingId, status: 'creating', outcome: 'skipped' }),
      ]),
    );
    expect(result.instances.find((i) => i.instanceId === rec.id)?.detail).toBeUndefined();

    // (a) the running server took it without a restart (a reload reaches new sessions at once)
    let shown = '';
    for (let i = 0; i < 20 && shown !== '20s'; i++) {
      shown = await sql('SHOW archive_timeout');
      if (shown !== '20s') await sleep(250);
    }
    expect(shown).toBe('20s');
    expect(
      await sql("SELECT pending_restart FROM pg_settings WHERE name = 'archive_timeout'"),
    ).toBe('f');
    // …and so do the files a restart (postgresql.conf, postgresql.auto.conf) or a swap (instance.json) reads
    const paths = engine.paths(rec.stanza);
    const confLines = (await readFile(path.join(paths.pgdata, 'postgresql.conf'), 'utf8')).split(
      '\n',
    );
    expect(confLines.filter((l) => /^archive_timeout\s*=/.test(l))).toEqual([
      'archive_timeout = 20',
    ]);
    expect(await readFile(path.join(paths.pgdata, 'postgresql.auto.conf'), 'utf8')).toMatch(
      /^archive_timeout = '20'$/m,
    );
    expect(JSON.parse(await readFile(paths.meta, 'utf8'))).toMatchObject({
      archiveTimeoutSeconds: 20,
    });

    // (b) schedules: same ids, the plan's cadence, still paused
    const [full, diff, incr] = await Promise.all(
      scheduleIds().map((id) => h.client.schedule.getHandle(id).describe()),
    );
    const everyMs = (d: typeof full) => d!.spec.intervals?.map((i) => i.every);
    expect(everyMs(full)).toEqual([7 * DAY * 1000]);
    expect(everyMs(diff)).toEqual([DAY * 1000]);
    expect(everyMs(incr)).toEqual([20 * 60 * 1000]);
    for (const d of [full!, diff!, incr!]) {
      expect(d.state.paused).toBe(true);
      expect(d.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: 'takeBackup',
        taskQueue: h.controlPlaneQueue,
      });
      expect(d.policies.overlap).toBe('SKIP');
    }
    expect(incr!.action).toMatchObject({ args: [{ tenantId, instanceId: rec.id, type: 'incr' }] });

    // pgbackrest.conf: a manual `pgbackrest expire` agrees with the tenant's retention
    const conf = await readFile(paths.pgbackrestConf, 'utf8');
    expect(conf).toMatch(/^repo1-retention-full=3$/m);
    expect(conf).toMatch(/^repo2-retention-full=3$/m);
    expect(conf).toMatch(/^repo1-retention-full-type=time$/m);

    // one audit event per instance it changed, naming the person and what moved
    const events = await findRows(h.db.platform.db, auditEvents, {
      tenantId,
      action: 'instance.plan_applied',
    });
    expect(events.map((e) => e.targetId)).toEqual([rec.id]);
    expect(events[0]).toMatchObject({ actorType: 'user', actorId: h.db.user('owner@acme.test') });
    expect(events[0]!.data).toEqual({
      reason: 'tenant.retention_changed',
      archiveTimeoutSeconds: { from: 60, to: 20 },
      retentionDays: { from: 7, to: 3 },
      live: true,
      // the move to business also moved the drill cadence (6 h → 2 h)
      schedules: {
        created: [],
        updated: [scheduleIds()[2], drillScheduleId(tenantId, rec.id)],
        removed: [],
      },
    });
    const drillSchedule = await h.client.schedule
      .getHandle(drillScheduleId(tenantId, rec.id))
      .describe();
    expect(everyMs(drillSchedule)).toEqual([2 * 60 * 60 * 1000]);
  });

  it('a second run with nothing new changes nothing and still audits the pass', async () => {
    const result = await h.client.workflow.execute(applyTenantPlan, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.applyTenantPlan(tenantId),
      args: [{ tenantId, requestedBy: null, reason: 'test.repeat' }],
      workflowExecutionTimeout: '5 minutes',
    });
    expect(result.passes).toBe(1);
    const repeat = (
      await findRows(h.db.platform.db, auditEvents, { tenantId, action: 'instance.plan_applied' })
    ).find((e) => e.data.reason === 'test.repeat');
    expect(repeat?.data).toMatchObject({
      archiveTimeoutSeconds: { from: 20, to: 20 },
      retentionDays: { from: 3, to: 3 },
      schedules: { created: [], updated: [], removed: [] },
    });
    expect(repeat?.actorType).toBe('system');
  });

  it('a stopped server gets it in its files and runs with it once started', async () => {
    await engine.stopInstance({ instanceId: rec.stanza });
    await updatePlan(h.db.platform.db, 'business', { archiveTimeoutSeconds: 25 }, SYSTEM);
    const result = await h.client.workflow.execute(applyTenantPlan, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.applyTenantPlan(tenantId),
      args: [{ tenantId, requestedBy: null, reason: 'plan.updated' }],
      workflowExecutionTimeout: '5 minutes',
    });
    expect(result.instances.find((i) => i.instanceId === rec.id)).toMatchObject({
      outcome: 'applied',
    });
    const stoppedPass = (
      await findRows(h.db.platform.db, auditEvents, { tenantId, action: 'instance.plan_applied' })
    ).find((e) => e.data.reason === 'plan.updated');
    expect(stoppedPass?.data).toMatchObject({
      archiveTimeoutSeconds: { from: 20, to: 25 },
      live: false,
    });
    await engine.startInstance({ instanceId: rec.stanza });
    expect(await sql('SHOW archive_timeout')).toBe('25s');
  });

  it("takeBackup expires with the tenant's retention as the catalog holds it then, over pgbackrest.conf", async () => {
    const before = (await expireRuns()).length;
    const first = await runTakeBackup('after-apply', 'full');
    expect(first.regions.every((r) => r.ok)).toBe(true);
    expect(first.expired).toBe(true);
    let runs = (await expireRuns()).slice(before);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toContain('--repo=1');
    expect(runs[0]).toContain('--repo1-retention-full=3');
    expect(runs[1]).toContain('--repo=2');
    expect(runs[1]).toContain('--repo2-retention-full=3');
    lap(`expired with ${(runs[0]!.match(/--repo\d-retention-full\S*/g) ?? []).join(' ')}`);

    // a retention change whose apply has not run yet: pgbackrest.conf still says 3 days, the
    // catalog says 2, and expire must use the catalog's
    await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      updateTenantSettings(tx, tenantId, { retentionDays: 2 }),
    );
    const second = await runTakeBackup('unapplied', 'incr');
    expect(second.expired).toBe(true);
    runs = (await expireRuns()).slice(before + 2);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toContain('--repo1-retention-full=2');
    expect(runs[1]).toContain('--repo2-retention-full=2');
    expect(await readFile(engine.paths(rec.stanza).pgbackrestConf, 'utf8')).toMatch(
      /^repo1-retention-full=3$/m,
    );
    lap('expired with 2 days over a conf file saying 3');
  }, 300_000);
});
