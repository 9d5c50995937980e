import { randomUUID } from 'node:crypto';
import { restores } from '@rewind/db';
import { findRows } from '@rewind/db/testing';
import { CONTROL_PLANE_QUEUE, hostQueue } from '@rewind/workflows/task-queues';
import { describe, expect, it } from 'vitest';
import {
  alive,
  appPid,
  failing,
  health,
  recordDrillFigures,
  stackCtl,
  untilHealth,
} from './testing/fault-drill';
import { faultDrill, sleep } from './testing/fault-drill-fixture';
import type { RestoreSuite } from './testing/restore-suite';

// Disruptive: restarts every dependency of the stack's own worker and web, one at a time, and
// checks the two processes ride it out (issue 11: an idle pg client without an 'error' listener
// used to kill the worker on a control-PG restart). The restores run on the stack's worker.
const DOWN_FOR_MS = 12_000;

const drill = faultDrill('deps', {
  suite: (env) => ({
    workers: false,
    queues: {
      controlPlaneQueue: CONTROL_PLANE_QUEUE,
      hostTaskQueue: hostQueue(env.REWIND_HOST_ID),
    },
  }),
  setUp: async () => {
    await drill.untilGreen();
  },
  // whatever failed above, leave the stack whole for whoever runs next
  tearDown: async () => {
    for (const dep of ['control-pg', 'temporal', 'region-a', 'region-b'])
      await stackCtl('up', dep).catch(() => undefined);
  },
});
const { env, target } = drill;

describe('the worker and web survive restarts of their dependencies', () => {
  it('control-PG, Temporal, region A and region B each restarted under a pgbench load: same pids, health red then green, a restore across it all is exact, nothing older than the RPO bound lost', async () => {
    const { s } = drill;
    const worker = appPid(env, 'worker');
    const web = appPid(env, 'web');
    const load = await drill.startLoad();
    const during = await drill.restoreBeforeDelete();
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
      figures.push({ dep, detectMs, recoverMs: await drill.untilGreen(120_000) });
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
    await drill.untilPastRpoBound(lastUpAt);
    expect((await load.stop()).error).toBeNull();
    const rpo = await drill.expectNothingLostBeyondRpo('dependency-restarts');
    expect(rpo.checked).toBeGreaterThan(0);
    await drill.expectExact(during, done.resultInstanceId!);
    await drill.expectWholeWindow();
    const names: Record<string, string> = {
      'control-pg': 'control-plane PostgreSQL restart',
      temporal: 'Temporal restart',
      'region-a': 'region A down and up',
      'region-b': 'region B down and up',
    };
    for (const f of figures)
      await drill.record(rpo, {
        fault: names[f.dep]!,
        detectMs: f.detectMs,
        recoverMs: f.recoverMs,
        note: `same worker and web pids; ${rpo.total} load rows over all four restarts`,
      });

    // and it keeps serving: a new restore after all four restarts, on the same worker process
    const after = await drill.restoreBeforeDelete();
    const afterDone = await s.waitFor(after.id, (x) => x.status === 'succeeded', 8 * 60_000);
    await drill.expectExact(after, afterDone.resultInstanceId!);
    expect([appPid(env, 'worker'), appPid(env, 'web')]).toEqual([worker, web]);
  }, 900_000);

  it('web SIGKILLed during POST …/restores with an Idempotency-Key: one restore or none, never two; a retry replays it', async () => {
    const { s } = drill;
    const token = await drill.ownerToken('web-restart drill');
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
    const killedAt = Date.now();
    await inFlight;

    // the client retries with the same key until the restarted web answers
    let answer: Response | undefined;
    let restartedAt: number | null = null;
    for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(1_000)) {
      // (between the kill and the restart the supervisor has no app pid: appPid throws)
      const now = (() => {
        try {
          return appPid(env, 'web');
        } catch {
          return web;
        }
      })();
      if (restartedAt === null && now !== web) restartedAt = Date.now();
      answer = await post().catch(() => undefined);
      if (answer && answer.status < 500) break;
    }
    const answeredAt = Date.now();
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
    await drill.expectExact({ id, needsApproval: false, handle }, done.resultInstanceId!);
    await drill.untilGreen(120_000);
    await recordDrillFigures(env, {
      fault: 'web SIGKILL during POST …/restores',
      // the supervisor's restart (a new pid), then the first answer to the client's retry
      detectMs: restartedAt === null ? null : restartedAt - killedAt,
      recoverMs: answeredAt - killedAt,
      // exact (above): every row the restore should hold is there
      rowsLost: 0,
      restoreSucceeded: true,
      note: 'one restore for the key, the retry replayed; no write load in this drill',
    });
  }, 600_000);
});
