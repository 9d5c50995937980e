import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../create-engine';
import { engineConfigFromEnv } from '../engine-config';
import { freePortSlice, scratchPortRange } from '../testing/free-port-slice';
import { loadTestEnv } from '../testing/load-test-env';

const env = loadTestEnv();
const engine: Engine = createEngine(engineConfigFromEnv(env));
const suffix = randomBytes(4).toString('hex');
const instanceId = `it2r-${suffix}`;
const restoreId = `it2r-${suffix}-restore`;
// two ports outside the stack catalog's range (it does not know about this engine-only
// instance) that nothing listens on now
const scratch = scratchPortRange(env);
const port = await freePortSlice(scratch.min, scratch.max, 2);
const restorePort = port + 1;
const ownerPassword = `owner-${randomBytes(8).toString('hex')}`;

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function tenantQuery<T extends pg.QueryResultRow>(p: number, sql: string): Promise<T[]> {
  // TCP + scram as the tenant's role: the path a customer's application takes
  const client = new pg.Client({
    host: '127.0.0.1',
    port: p,
    user: 'app_owner',
    password: ownerPassword,
    database: 'app',
  });
  client.on('error', () => undefined); // the instance is restarted by the test: fail the query, not the run
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('two-region pgBackRest', () => {
  const pids: number[] = [];

  beforeAll(async () => {
    await engine.initInstance({
      instanceId,
      port,
      superuserPassword: randomBytes(12).toString('hex'),
      database: 'app',
      owner: 'app_owner',
      ownerPassword,
      archiveTimeoutSeconds: 60,
      cipherPass: randomBytes(24).toString('base64url'),
      retentionFullDays: 7,
    });
    await engine.stanzaCreate({ instanceId });
  }, 120_000);

  afterAll(async () => {
    await engine.destroyInstance({ instanceId: restoreId });
    await engine.stanzaDelete({ instanceId }).catch((err: unknown) => console.warn(String(err)));
    await engine.destroyInstance({ instanceId });
    expect(await exists(engine.paths(instanceId).root)).toBe(false);
    expect(await exists(engine.paths(restoreId).root)).toBe(false);
    for (const pid of pids) {
      // an exited postmaster is reaped by init a moment later
      for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      expect(alive(pid), `postmaster ${pid} still alive`).toBe(false);
    }
  }, 120_000);

  it('archives to both regions (check)', async () => {
    const status = await engine.instanceStatus({ instanceId });
    expect(status).toMatchObject({
      exists: true,
      initialized: true,
      running: true,
      port,
      database: 'app',
    });
    pids.push(status.pid!);
    await engine.check({ instanceId });
  }, 120_000);

  it('takes a full backup into both repos and verifies each', async () => {
    await engine.backupBothRepos({ instanceId, type: 'full' });
    const info = await engine.info({ instanceId });
    expect(info.status).toEqual({ code: 0, message: 'ok' });
    expect(info.repos.map((r) => r.repo)).toEqual([1, 2]);
    for (const repo of info.repos) {
      expect(repo.status.code).toBe(0);
      expect(repo.cipher).toBe('aes-256-cbc');
      expect(repo.backups).toHaveLength(1);
      expect(repo.backups[0]).toMatchObject({ type: 'full', error: false });
      expect(repo.archives[0]?.walMax).toMatch(/^[0-9A-F]{24}$/);
    }
    expect(await engine.verify({ instanceId, repo: 1 })).toMatchObject({ ok: true });
    expect(await engine.verify({ instanceId, repo: 2 })).toMatchObject({ ok: true });
  }, 300_000);

  it('restores from region B to a point in time and serves the data on another port', async () => {
    // pgBackRest only picks a backup that stopped strictly before the target second
    await new Promise((r) => setTimeout(r, 1100));
    await tenantQuery(port, 'create table t (v text)');
    await tenantQuery(port, `insert into t values ('before')`);
    // the commit timestamp exists only once the insert's transaction has committed
    const [kept] = await tenantQuery<{ ts: string }>(
      port,
      `select to_char(pg_xact_commit_timestamp(xmin) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ts from t where v = 'before'`,
    );
    // a later commit must exist in archived WAL or recovery ends before reaching the target
    await new Promise((r) => setTimeout(r, 1100));
    await tenantQuery(port, `insert into t values ('after')`);
    await engine.check({ instanceId }); // switches WAL and waits until both repos have it

    const target = engine.paths(restoreId);
    await engine.restore({
      instanceId,
      targetDir: target.pgdata,
      repo: 2,
      target: { type: 'time', targetTime: kept!.ts, inclusive: true },
    });
    await engine.prepareRestoredCluster({
      pgdata: target.pgdata,
      port: restorePort,
      socketDir: target.run,
      walSource: { stanza: instanceId, repo: 2, copyDir: target.root },
    });
    await engine.startCluster({
      pgdata: target.pgdata,
      logFile: `${target.root}/postgresql.log`,
      label: 'restored copy',
    });
    await engine.waitForPromotion(
      { socketDir: target.run, port: restorePort },
      { label: 'restored copy' },
    );
    const restoredPid = (await engine.instanceStatus({ instanceId: restoreId })).pid;
    if (restoredPid) pids.push(restoredPid);

    const rows = await tenantQuery<{ v: string }>(restorePort, 'select v from t order by v');
    expect(rows.map((r) => r.v)).toEqual(['before']);
    // the source is untouched
    expect(
      (await tenantQuery<{ v: string }>(port, 'select v from t order by v')).map((r) => r.v),
    ).toEqual(['after', 'before']);
  }, 300_000);
});
