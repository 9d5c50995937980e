import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { archivePrefix } from '@rewind/activities';
import { parseStackEnv, type StackEnv } from '@rewind/core';
import {
  getInstance,
  getInstancePlan,
  getInstanceWindow,
  getRestore,
  inTenantTx,
  listRepositoryChecks,
  listRestoreDrills,
  listRestores,
  type RestoreDrillRow,
} from '@rewind/db';
import { createEngine, engineConfigFromEnv, type Engine } from '@rewind/engine';
import { createRegionClient, listKeys, putObject } from '@rewind/storage';
import { checkRepositories, restoreDrill, type RestoreDrillInput } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { extendCloneUpdate } from '@rewind/workflows/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillScheduleId, repositoryCheckScheduleId } from './backup-scheduler';
import { startDataPlaneHarness, type DataPlaneHarness } from './data-plane-harness';
import { provisionSource } from './testing/restore-fixture';

const exec = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function regionClient(env: StackEnv, r: 'A' | 'B') {
  // the hosts' identity: what a stolen host key (or a bad disk) could overwrite
  return createRegionClient(
    {
      name: env[`REGION_${r}_NAME`],
      endpoint: env[`REGION_${r}_ENDPOINT`],
      bucket: env[`REGION_${r}_BUCKET`],
      accessKeyId: env[`REGION_${r}_ACCESS_KEY_ID`],
      secretAccessKey: env[`REGION_${r}_SECRET_ACCESS_KEY`],
    },
    env.S3_CA_FILE,
  );
}

/**
 * Drills across the window and both regions (issue 13, parts 1-2), on one small instance:
 * WAL in three segments of a few seconds each, drills A then B (the sequence alternates) to a
 * random second checked row by row against the source's commit timestamps, coverage per region,
 * then one archived segment corrupted in region B: B fails naming it, A still passes.
 */
describe('restore drills: random seconds, both regions pinned, verified coverage', () => {
  let h: DataPlaneHarness;
  let engine: Engine;
  let tenantId: string;
  let instanceId: string;
  let stanza: string;
  let sql: (text: string) => Promise<string>;
  /** the segment each batch of rows was written to */
  const batchSegments: string[] = [];
  const ref = () => ({ tenantId, instanceId });
  const tx = <T>(fn: Parameters<typeof inTenantTx<T>>[2]) =>
    inTenantTx(h.db.app.db, { tenantId }, fn);
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const t0 = Date.now();
    h = await startDataPlaneHarness(parseStackEnv(process.env), 'drill');
    engine = createEngine(engineConfigFromEnv(h.env));
    tenantId = h.db.tenant('globex');
    const source = await provisionSource(h.env, engine, h.db.app.db, tenantId, 'drilled');
    instanceId = source.id;
    stanza = source.stanza;
    sql = (text: string) =>
      engine.runSql(
        { socketDir: engine.paths(stanza).run, port: source.port!, database: source.databaseName },
        text,
        { context: 'drill test data' },
      );
    // the table comes before the backup, so every second of the window can read it
    await sql('CREATE TABLE ticks (id bigserial primary key, batch int not null)');
    await engine.backup({ instanceId: stanza, type: 'full', repo: 1 });
    await engine.backup({ instanceId: stanza, type: 'full', repo: 2 });
    // three segments of rows, each spread over ~2 s, so random seconds fall between commits
    for (const batch of [1, 2, 3]) {
      await sql('select pg_switch_wal()');
      batchSegments.push(await sql('select pg_walfile_name(pg_current_wal_insert_lsn())'));
      for (let i = 0; i < 8; i++) {
        await sql(`INSERT INTO ticks (batch) VALUES (${batch})`);
        await sleep(250);
      }
    }
    await engine.check({ instanceId: stanza }); // switches and waits until both repos have it
    const synced = await h.activities.syncCatalog(ref());
    expect(synced.regions.every((r) => r.ok)).toBe(true);
    await h.activities.ensureBackupSchedules({ ...ref(), taskQueue: h.controlPlaneQueue });
    timings.setup = (Date.now() - t0) / 1000;
  }, 300_000);

  afterAll(async () => {
    console.log(`[drill] seconds: ${JSON.stringify(timings)}`);
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

  /** The source's rows committed at or before `target`: what an exact restore holds. */
  const expectedRows = (target: string) =>
    sql(
      `select coalesce(string_agg(id::text, ',' order by id), '') from ticks where pg_xact_commit_timestamp(xmin) <= '${target}'::timestamptz`,
    );

  /**
   * Runs one drill with a long clone TTL, reads the clone once its checks passed (every row
   * committed up to the target, none after), then ends the TTL and waits for the verdict.
   */
  async function drill(
    label: string,
    args: Partial<RestoreDrillInput>,
    options: { expectClone: boolean },
  ): Promise<{ drill: RestoreDrillRow; cloneRows: string | null; expected: string | null }> {
    const started = Date.now();
    const workflowId = workflowIds.drill(
      tenantId,
      instanceId,
      `${label}-${randomBytes(3).toString('hex')}`,
    );
    const handle = await h.client.workflow.start(restoreDrill, {
      taskQueue: h.controlPlaneQueue,
      workflowId,
      args: [{ tenantId, instanceId, trigger: 'manual', cloneTtlSeconds: 600, ...args }],
      workflowExecutionTimeout: '15 minutes',
    });
    let cloneRows: string | null = null;
    let expected: string | null = null;
    if (options.expectClone) {
      for (;;) {
        const [row] = (await tx((t) => listRestoreDrills(t, tenantId, instanceId))).filter(
          (d) => d.workflowId === workflowId,
        );
        const restore = row?.restoreId
          ? await tx((t) => getRestore(t, tenantId, row.restoreId!))
          : null;
        if (restore?.status === 'failed' || row?.status === 'failed') break;
        if (restore?.status === 'succeeded' && restore.resultInstanceId) {
          const clone = await tx((t) => getInstance(t, tenantId, restore.resultInstanceId!));
          const target = (row!.target as { time: string }).time;
          cloneRows = await engine.runSql(
            {
              socketDir: engine.paths(clone.id).run,
              port: clone.port!,
              database: clone.databaseName,
            },
            `select coalesce(string_agg(id::text, ',' order by id), '') from ticks`,
            { context: 'reading the drill clone' },
          );
          expected = await expectedRows(target);
          await h.client.workflow.getHandle(restore.workflowId).executeUpdate(extendCloneUpdate, {
            args: [{ expiresAt: new Date().toISOString(), byUserId: 'drill-test' }],
          });
          break;
        }
        await sleep(1000);
      }
    }
    const result = await handle.result();
    const [row] = (await tx((t) => listRestoreDrills(t, tenantId, instanceId))).filter(
      (d) => d.workflowId === workflowId,
    );
    timings[label] = (Date.now() - started) / 1000;
    console.log(
      `[drill] ${label}: ${JSON.stringify(result)} ${JSON.stringify({ target: row?.target, phases: row?.phases, bytes: row?.bytesRestored })}`,
    );
    return { drill: row!, cloneRows, expected };
  }

  /** Nothing of the drill's clone is left: record deleted, directory gone, no server on it. */
  async function expectNothingLeft(d: RestoreDrillRow) {
    const restore = await tx((t) => getRestore(t, tenantId, d.restoreId!));
    if (!restore.resultInstanceId) return;
    const clone = await tx((t) =>
      getInstance(t, tenantId, restore.resultInstanceId!, { includeDeleted: true }),
    );
    expect(clone.status).toBe('deleted');
    expect(
      await stat(engine.paths(clone.id).root).then(
        () => true,
        () => false,
      ),
    ).toBe(false);
    const { stdout } = await exec('ps', ['-eo', 'args']);
    expect(stdout).not.toContain(engine.paths(clone.id).root);
  }

  it('schedules the drill at the plan cadence and the daily repository checks', async () => {
    const plan = await tx((t) => getInstancePlan(t, tenantId));
    const d = await h.client.schedule.getHandle(drillScheduleId(tenantId, instanceId)).describe();
    expect(d.action).toMatchObject({
      workflowType: 'restoreDrill',
      taskQueue: h.controlPlaneQueue,
    });
    expect(d.spec.intervals?.[0]?.every).toBe(plan.drillEverySeconds * 1000);
    const c = await h.client.schedule
      .getHandle(repositoryCheckScheduleId(tenantId, instanceId))
      .describe();
    expect(c.action).toMatchObject({ workflowType: 'checkRepositories' });
    expect(c.spec.intervals?.[0]?.every).toBe(24 * 60 * 60 * 1000);
  });

  it('drills region A then region B to a random second each, exactly, leaving nothing; coverage grows in both', async () => {
    const sourceRows = await sql('select count(*) from ticks');
    const before = await tx((t) =>
      getInstanceWindow(t, tenantId, instanceId, {
        regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
      }),
    );
    expect(before.regions.map((r) => r.verifiedFraction)).toEqual([0, 0]);

    // the schedule's own trigger: the sequence decides the region (A, then B) and the kind
    const a = await drill('scheduled-1', { trigger: 'schedule' }, { expectClone: true });
    const b = await drill('scheduled-2', { trigger: 'schedule' }, { expectClone: true });
    for (const [run, region] of [
      [a, h.env.REGION_A_NAME],
      [b, h.env.REGION_B_NAME],
    ] as const) {
      const w = before.regions.find((r) => r.region === region)!;
      const target = (run.drill.target as { time: string }).time;
      expect(run.drill).toMatchObject({
        status: 'succeeded',
        region,
        targetKind: 'random',
        error: null,
        failedCheck: null,
      });
      // a whole second inside the region's window
      expect(target).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(target)).toBeGreaterThanOrEqual(Date.parse(w.earliest!));
      expect(Date.parse(target)).toBeLessThanOrEqual(Date.parse(w.latest!));
      // exactly the source's commits up to the target, nothing after
      expect(run.cloneRows).toBe(run.expected);
      expect(run.drill.backupLabel).toMatch(/F$/);
      expect(run.drill.backupStoppedAt).not.toBeNull();
      expect(run.drill.bytesRestored).toBeGreaterThan(1_000_000);
      expect(run.drill.phases.map((p) => p.phase)).toEqual(
        expect.arrayContaining(['validating', 'provisioning', 'restoring', 'verifying']),
      );
      expect(run.drill.checks.length).toBeGreaterThan(0);
      expect(run.drill.checks.every((c) => c.ok)).toBe(true);
      await expectNothingLeft(run.drill);
    }
    expect([a.drill.sequence, b.drill.sequence]).toEqual([0, 1]);

    const after = await tx((t) =>
      getInstanceWindow(t, tenantId, instanceId, {
        regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
      }),
    );
    for (const [run, i] of [
      [a, 0],
      [b, 1],
    ] as const) {
      const r = after.regions[i]!;
      // [backup stop, target], cut to the window (which starts the second after the stop)
      expect(r.verified).toEqual([
        { from: r.earliest, to: (run.drill.target as { time: string }).time },
      ]);
      expect(r.verifiedFraction).not.toBeNull();
    }
    // the drills never touched the source and are not in the tenant's restore history
    expect(await sql('select count(*) from ticks')).toBe(sourceRows);
    expect(await sql('select pg_is_in_recovery()')).toBe('f');
    expect(await tx((t) => listRestores(t, tenantId, { instanceId }))).toEqual([]);
    // another tenant sees none of it
    const acme = h.db.tenant('acme');
    await expect(
      inTenantTx(h.db.app.db, { tenantId: acme }, (t) => listRestoreDrills(t, acme, instanceId)),
    ).rejects.toMatchObject({ code: 'not_found' });
  }, 900_000);

  it('a corrupted WAL segment in region B: B fails naming it, A still passes, verify names it', async () => {
    const corrupted = batchSegments[1]!;
    const b = regionClient(h.env, 'B');
    try {
      const key = (await listKeys(b, archivePrefix(stanza))).find((k) =>
        k.includes(`/${corrupted}-`),
      );
      expect(key, `segment ${corrupted} archived in region B`).toBeDefined();
      await putObject(b, key!.replace(/^\/+/, ''), randomBytes(64 * 1024));
    } finally {
      b.s3.destroy();
    }
    const w = await tx((t) =>
      getInstanceWindow(t, tenantId, instanceId, {
        regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
      }),
    );
    // each region's newest restorable second (a window ends where that region's archive was
    // last seen complete, so the two can differ on a busy machine: B's push may trail A's);
    // the WAL of either lies past the corrupted segment
    const [targetA, targetB] = [w.regions[0]!.latest!, w.regions[1]!.latest!];
    expect(await sql(`select pg_walfile_name(pg_current_wal_lsn()) > '${corrupted}'`)).toBe('t');

    const failed = await drill(
      'corrupt-b',
      { region: h.env.REGION_B_NAME, targetTime: targetB },
      { expectClone: true },
    );
    expect(failed.cloneRows).toBeNull();
    expect(failed.drill).toMatchObject({
      status: 'failed',
      region: h.env.REGION_B_NAME,
      targetKind: 'chosen',
      walSegment: corrupted,
    });
    expect(failed.drill.error).toContain(corrupted);
    expect(failed.drill.error).toContain(h.env.REGION_B_NAME);
    await expectNothingLeft(failed.drill);

    const passed = await drill(
      'region-a-after',
      { region: h.env.REGION_A_NAME, targetTime: targetA },
      { expectClone: true },
    );
    expect(passed.drill, passed.drill.error ?? '').toMatchObject({
      status: 'succeeded',
      region: h.env.REGION_A_NAME,
    });
    expect(passed.cloneRows).toBe(passed.expected);
    await expectNothingLeft(passed.drill);

    // region B's failure proves nothing there; region A is now verified to its newest second
    const after = await tx((t) =>
      getInstanceWindow(t, tenantId, instanceId, {
        regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
      }),
    );
    expect(after.regions[0]!.verified.at(-1)!.to).toBe(targetA);
    expect(after.regions[0]!.verifiedFraction).toBe(1);
    expect(after.regions[1]!.verified.every((v) => v.to !== targetB)).toBe(true);

    // the scheduled repository checks find it too, and nothing in region A
    const started = Date.now();
    await h.client.workflow.execute(checkRepositories, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.repositoryCheck(
        tenantId,
        instanceId,
        `it-${randomBytes(3).toString('hex')}`,
      ),
      args: [{ tenantId, instanceId }],
      workflowExecutionTimeout: '10 minutes',
    });
    timings.repositoryChecks = (Date.now() - started) / 1000;
    const checks = await tx((t) => listRepositoryChecks(t, tenantId, instanceId));
    const of = (region: string, kind: string) =>
      checks.find((c) => c.region === region && c.kind === kind)!;
    console.log(
      `[drill] repository checks: ${JSON.stringify(checks.map((c) => [c.region, c.kind, c.ok, c.detail]))}`,
    );
    expect(of(h.env.REGION_A_NAME, 'verify').ok).toBe(true);
    expect(of(h.env.REGION_A_NAME, 'wal_continuity')).toMatchObject({ ok: true });
    expect(of(h.env.REGION_B_NAME, 'wal_continuity')).toMatchObject({ ok: true });
    const verifyB = of(h.env.REGION_B_NAME, 'verify');
    console.log(`[drill] verify in B: ${JSON.stringify(verifyB.findings)}`);
    expect(verifyB.ok).toBe(false);
    expect(verifyB.findings.invalidFiles?.some((f) => f.startsWith(corrupted))).toBe(true);
  }, 900_000);
});
