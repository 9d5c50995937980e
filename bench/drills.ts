/**
 * Drill bench: how many restore drills one host sustains next to a pgbench write load, what the
 * drills cost that load, and what a drill costs against a plain restore of the same instance.
 *
 *   1. pgbench -c 2 for SECONDS alone: the load's tps without drills;
 *   2. the same load again while drills run back to back on the same host (the restoreDrill
 *      workflow as the schedule starts it, regions alternating A, B, A…, each to a random second
 *      of its region's window, the catalog synced before each as the monitor does): tps with
 *      drills, drills finished, drills per hour (finished / elapsed), each drill's time;
 *   3. RUNS plain restores of the same instance: raw `pgbackrest restore` + recovery from region A
 *      to the newest region-A drill's target, no checks, no provisioning.
 *
 *   npx tsx bench/drills.ts [--scale 10] [--seconds 180] [--runs 2]
 *
 * Prints medians and ratios; never passes or fails on timings (a drill that fails is an error).
 * Needs the test stack up.
 */
// first: the scratch control DB reads the stack env from process.env
import '../test-support/load-stack-env';
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { inTenantTx, listRestoreDrills } from '@rewind/db';
import { createEngine, engineConfigFromEnv } from '@rewind/engine';
import { loadTestEnv, scratchPortRange } from '@rewind/engine/testing';
import { restoreDrill } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { startDataPlaneHarness } from '../apps/worker/src/data-plane-harness';
import { arg, percentile, run, table } from './src/bench-kit';
import { benchSource } from './src/bench-source';
import { runRawPgBackRest } from './src/tool-runs';

const scale = arg('scale', 10);
const seconds = arg('seconds', 180);
const runs = arg('runs', 2);
const h = await startDataPlaneHarness(loadTestEnv(), 'drills');
const engine = createEngine(engineConfigFromEnv(h.env));
const tenantId = h.db.tenant('globex');
const t0 = Date.now();
const secs = (ms: number) => Number((ms / 1000).toFixed(1));
const median = (xs: number[]) => percentile(xs, 50);
let stanza = '';
const scratch = path.join(
  h.env.REWIND_DATA_DIR,
  'hosts',
  h.hostId,
  `bench-${randomBytes(3).toString('hex')}`,
);

// the drill's phases a plain restore also has: fetch, start + recovery, promotion
const RESTORE_PHASES = new Set(['restoring', 'starting', 'waiting_for_promotion']);

interface DrillRun {
  region: string;
  status: string;
  seconds: number;
  target: string | null;
  restoreS: number;
  error: string | null;
}

try {
  await mkdir(scratch, { recursive: true });
  await run('chown', ['postgres:postgres', scratch]);
  // 15 s: the Business plan's archive_timeout, so the window's newest second trails the load by little
  const { source, sql, pgbench } = await benchSource(h, engine, tenantId, {
    context: 'drill bench',
    archiveTimeoutSeconds: 15,
  });
  stanza = source.stanza;
  const ref = { tenantId, instanceId: source.id };
  await pgbench(['-i', '-q', '-s', String(scale)]);
  const dbSize = await sql(`SELECT pg_size_pretty(pg_database_size(current_database()))`);
  await engine.backup({ instanceId: stanza, type: 'full', repo: 1 });
  await engine.backup({ instanceId: stanza, type: 'full', repo: 2 });
  await sql('CREATE TABLE IF NOT EXISTS marks (at timestamptz)');
  await sql('INSERT INTO marks VALUES (now())');
  await engine.check({ instanceId: stanza }); // switches and waits until both repos have it
  await h.activities.syncCatalog(ref);

  const load = async () => {
    const out = await pgbench(['-n', '-c', '2', '-T', String(seconds)]);
    return Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  };

  // 1. the load alone
  const tpsAlone = await load();

  // 2. the load with drills back to back
  const regions = [h.env.REGION_A_NAME, h.env.REGION_B_NAME];
  const drills: DrillRun[] = [];
  let loadDone = false;
  const started = Date.now();
  const withDrills = load().finally(() => (loadDone = true));
  while (!loadDone) {
    const region = regions[drills.length % 2]!;
    await h.activities.syncCatalog(ref);
    const t = Date.now();
    const result = await h.client.workflow.execute(restoreDrill, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.drill(tenantId, source.id, `bench-${randomBytes(3).toString('hex')}`),
      args: [{ ...ref, trigger: 'manual', region, cloneTtlSeconds: 1 }],
      workflowExecutionTimeout: '20 minutes',
    });
    const ms = Date.now() - t;
    const row = (
      await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
        listRestoreDrills(tx, tenantId, source.id, { limit: 5 }),
      )
    ).find((d) => d.id === result.drillId)!;
    drills.push({
      region,
      status: result.status,
      seconds: secs(ms),
      target: (row.target as { time?: string } | null)?.time ?? null,
      restoreS: secs(
        row.phases
          .filter((p) => RESTORE_PHASES.has(p.phase))
          .reduce((s, p) => s + p.seconds * 1000, 0),
      ),
      error: row.error,
    });
  }
  const tpsWithDrills = await withDrills;
  const elapsedS = (Date.now() - started) / 1000;
  const failed = drills.filter((d) => d.status !== 'succeeded');

  // 3. plain restores of the same instance, to the newest region-A drill's target
  const plainTarget = drills.filter((d) => d.region === regions[0] && d.target).at(-1)?.target;
  const plain: number[] = [];
  if (plainTarget)
    for (let i = 0; i < runs; i++) {
      const dir = path.join(scratch, `plain-${i}`);
      await mkdir(dir);
      await run('chown', ['postgres:postgres', dir]);
      const r = await runRawPgBackRest({
        engine,
        dir,
        stanza,
        database: source.databaseName,
        targetTime: plainTarget,
        portRange: scratchPortRange(h.env),
      });
      plain.push(Number((r.restoreS + r.recoveryS).toFixed(1)));
    }

  console.log(
    `drill bench: pgbench scale ${scale} (${dbSize}), load -c 2 for ${seconds} s, drills back to back on one host, clone TTL 1 s`,
  );
  table(
    drills.map((d, i) => ({
      drill: i + 1,
      region: d.region,
      status: d.status,
      'seconds (workflow)': d.seconds,
      'restore + recovery + promote s': d.restoreS,
      target: d.target ?? '-',
    })),
  );
  const ok = drills.filter((d) => d.status === 'succeeded');
  const drillMedian = median(ok.map((d) => d.seconds));
  const plainMedian = median(plain);
  table([
    { figure: 'tps, load alone', value: Math.round(tpsAlone) },
    { figure: 'tps, load with drills', value: Math.round(tpsWithDrills) },
    { figure: 'drills finished during the load', value: drills.length },
    {
      figure: 'drills per hour (finished / elapsed)',
      value: Math.round((drills.length / elapsedS) * 3600),
    },
    { figure: 'median drill s (workflow, end to end)', value: drillMedian },
    ...regions.map((r) => ({
      figure: `median drill s, ${r}`,
      value: median(ok.filter((d) => d.region === r).map((d) => d.seconds)),
    })),
    {
      figure: 'median drill restore + recovery + promote s',
      value: median(ok.map((d) => d.restoreS)),
    },
    { figure: `median plain restore s (raw pgbackrest, ${runs} runs)`, value: plainMedian },
  ]);
  console.log(
    `ratio tps with/without drills: ${(tpsWithDrills / tpsAlone).toFixed(2)}; ratio drill/plain restore: ${(drillMedian / plainMedian).toFixed(2)}`,
  );
  if (failed.length > 0)
    throw new Error(
      `${failed.length} drill(s) failed: ${failed.map((d) => `${d.region}: ${d.error}`).join('; ')}`,
    );
} finally {
  if (stanza) {
    await engine.stanzaDelete({ instanceId: stanza }).catch(() => undefined);
    await engine.destroyInstance({ instanceId: stanza }).catch(() => undefined);
  }
  await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  await h.close();
  console.log(`(bench wall time ${secs(Date.now() - t0)} s)`);
}
