import { randomUUID } from 'node:crypto';
import { createApiTokenRecord, inTenantTx, restores } from '@rewind/db';
import { findRows } from '@rewind/db/testing';
import { CONTROL_PLANE_QUEUE, hostQueue } from '@rewind/workflows/task-queues';
import { loadTestEnv } from '@rewind/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alive,
  appPid,
  cloneNotesAndEnd,
  failing,
  health,
  isGreen,
  recordDrillFigures,
  stackCtl,
  syncedWindow,
  untilHealth,
  wholeWindow,
} from './testing/fault-drill';
import { restoreSuite, sleep, type RestoreSuite } from './testing/restore-suite';
import {
  DRILL_ARCHIVE_TIMEOUT_S,
  DRILL_RPO_BOUND_S,
  rowsLostBeyondRpo,
  startWriteLoad,
} from './testing/write-load';

// Disruptive: restarts every dependency of the stack's own worker and web, one at a time, and
// checks the two processes ride it out (issue 11: an idle pg client without an 'error' listener
// used to kill the worker on a control-PG restart). The restores run on the stack's worker.
const env = loadTestEnv();
const DOWN_FOR_MS = 12_000;

let s: RestoreSuite;

beforeAll(async () => {
  s = await restoreSuite(env, 'deps', {
    workers: false,
    archiveTimeoutSeconds: DRILL_ARCHIVE_TIMEOUT_S,
    queues: {
      controlPlaneQueue: CONTROL_PLANE_QUEUE,
      hostTaskQueue: hostQueue(env.REWIND_HOST_ID),
    },
  });
  await untilHealth(env, isGreen, 60_000);
}, 300_000);

afterAll(async () => {
  // whatever failed above, leave the stack whole for whoever runs next
  for (const dep of ['control-pg', 'temporal', 'region-a', 'region-b'])
    await stackCtl('up', dep).catch(() => undefined);
  await s?.close();
}, 300_000);

const target = () => ({ time: new Date(Date.parse(s.deletedAt) - 1000).toISOString() });

describe('the worker and web survive restarts of their dependencies', () => {
  it('control-PG, Temporal, region A and region B each restarted under a pgbench load: same pids, health red then green, a restore across it all is exact, nothing older than the RPO bound lost', async () => {
    const worker = appPid(env, 'worker');
    const web = appPid(env, 'web');
    const load = await startWriteLoad(s.engine, s.sock());
    const during = await s.start({ target: target() });
    const figures: Array<{ dep: string; detectMs: number; recoverMs: number }> = [];
    let lastUpAt = Date.now();

    // which /api/health check must go red while each dependency is down
    const expectRed: Record<string, string> = {
      'control-pg': 'control-db',
      temporal: 'temporal',
      'region-a': `region:${env.REGION_A_NAME}`,
      'region-b': `region:${env.REGION_B_NAME}`,
    };
    for (const [dep, check] of Object.entries(expectRed)) {
      await stackCtl('down', dep);
      let detectMs: number;
      try {
        // the web keeps answering while it is down, naming what is missing (throws if it never does)
        detectMs = await untilHealth(env, (h) => failing(h).includes(check), 30_000);
        await sleep(DOWN_FOR_MS);
        const h = await health(env);
        expect(h.code, `web answers during the ${dep} outage`).toBe(503);
      } finally {
        await stackCtl('up', dep);
      }
      figures.push({ dep, detectMs, recoverMs: await untilHealth(env, isGreen, 120_000) });
      lastUpAt = Date.now();
      expect({ dep, worker: appPid(env, 'worker'), web: appPid(env, 'web') }).toEqual({
        dep,
        worker,
        web,
      });
      expect(alive(worker) && alive(web)).toBe(true);
    }

    const done = await s.waitFor(during.id, (x) => x.status === 'succeeded', 8 * 60_000);
    // the load runs on until every row written during the last restart is older than the bound
    await sleep(lastUpAt + DRILL_RPO_BOUND_S * 1000 + 1000 - Date.now());
    expect((await load.stop()).error).toBeNull();
    // before anything switches WAL: what archived WAL holds is what archive-push achieved alone
    const rpo = await rowsLostBeyondRpo(
      s.engine,
      s.sock(),
      s.source.stanza,
      [env.REGION_A_NAME, env.REGION_B_NAME],
      DRILL_RPO_BOUND_S,
    );
    console.log(`[dependency-restarts] rpo ${JSON.stringify(rpo)}`);
    expect(rpo.checked).toBeGreaterThan(0);
    expect(rpo.lostByRegion).toEqual({ [env.REGION_A_NAME]: 0, [env.REGION_B_NAME]: 0 });
    expect(await cloneNotesAndEnd(s, during, done.resultInstanceId!)).toEqual([
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
    ]);
    expect(await syncedWindow(s)).toEqual(wholeWindow(env));
    const names: Record<string, string> = {
      'control-pg': 'control-plane PostgreSQL restart',
      temporal: 'Temporal restart',
      'region-a': 'region A down and up',
      'region-b': 'region B down and up',
    };
    for (const f of figures)
      await recordDrillFigures(env, {
        fault: names[f.dep]!,
        detectMs: f.detectMs,
        recoverMs: f.recoverMs,
        rowsLost: Object.values(rpo.lostByRegion).reduce((a, b) => a + b, 0),
        restoreSucceeded: true,
        note: `same worker and web pids; ${rpo.total} load rows over all four restarts`,
      });

    // and it keeps serving: a new restore after all four restarts, on the same worker process
    const after = await s.start({ target: target() });
    const afterDone = await s.waitFor(after.id, (x) => x.status === 'succeeded', 8 * 60_000);
    expect(await cloneNotesAndEnd(s, after, afterDone.resultInstanceId!)).toEqual([
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
    ]);
    expect([appPid(env, 'worker'), appPid(env, 'web')]).toEqual([worker, web]);
  }, 900_000);

  it('web SIGKILLed during POST …/restores with an Idempotency-Key: one restore or none, never two; a retry replays it', async () => {
    const { token } = await inTenantTx(s.platform.db, { tenantId: s.tenantId }, (tx) =>
      createApiTokenRecord(tx, {
        tenantId: s.tenantId,
        userId: s.ownerId,
        name: `web-restart drill ${Date.now()}`,
      }),
    );
    const key = randomUUID();
    const post = () =>
      fetch(new URL(`/api/v1/instances/${s.source.id}/restores`, env.WEB_URL), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({ target: target(), mode: 'clone' }),
        signal: AbortSignal.timeout(30_000),
      });
    const restoresOfSource = async () =>
      (await findRows(s.platform.db, restores, { instanceId: s.source.id })).length;
    const before = await restoresOfSource();
    const web = appPid(env, 'web');

    // the request is in flight (parsing, planning or committing) when the web process dies
    const inFlight = post().then(
      (r) => r.status,
      () => 'connection lost',
    );
    await sleep(100);
    process.kill(web, 'SIGKILL');
    await inFlight;

    // the client retries with the same key until the restarted web answers
    let answer: Response | undefined;
    for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(1_000)) {
      answer = await post().catch(() => undefined);
      if (answer && answer.status < 500) break;
    }
    expect(answer?.status).toBe(202);
    const { id } = (await answer!.json()) as { id: string };
    expect(appPid(env, 'web')).not.toBe(web);
    expect(await restoresOfSource()).toBe(before + 1);

    // another retry is a replay: same restore, nothing new
    const replayed = await post();
    expect(replayed.status).toBe(202);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replayed.json()) as { id: string }).id).toBe(id);
    expect(await restoresOfSource()).toBe(before + 1);

    // and that one restore completes, exactly, on the stack's worker
    const done = await s.waitFor(id, (x) => x.status === 'succeeded', 8 * 60_000);
    const handle = s.client.workflow.getHandle(done.workflowId) as Awaited<
      ReturnType<RestoreSuite['start']>
    >['handle'];
    expect(
      await cloneNotesAndEnd(s, { id, needsApproval: false, handle }, done.resultInstanceId!),
    ).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    await untilHealth(env, isGreen, 120_000);
  }, 600_000);
});
