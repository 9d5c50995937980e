import { describe, expect, it } from 'vitest';
import { appPid } from './testing/fault-drill';
import { DRILL_RPO_BOUND_S, faultDrill, sleep } from './testing/fault-drill-fixture';
import { startToxiproxy, type Toxiproxy } from './testing/toxiproxy';

/**
 * Fault drill 7, S3 flapping: a Toxiproxy of this file's own sits in front of region A for this
 * drill's instance only (its pgBackRest repo1 endpoint and the in-process worker's region A
 * client point at the proxy; the stack and every other test talk to region A directly), so the
 * drill runs beside the other integration tests. For 60 s it resets 30 % of connections and adds
 * 500 ms latency, under a pgbench write load and while a restore runs.
 */
const FLAP_MS = 60_000;

let toxi: Toxiproxy;
const drill = faultDrill('s3-flap', {
  prepare: async (env) => {
    toxi = await startToxiproxy(env.REGION_A_ENDPOINT);
    return { ...env, REGION_A_ENDPOINT: toxi.endpoint };
  },
  tearDown: () => toxi.calm().catch(() => undefined),
  cleanUp: async () => toxi?.close(),
});
const { env } = drill;

describe('fault drill 7: region A flaps (30 % resets, +500 ms) for 60 s', () => {
  it('the restore during it succeeds exactly, no row older than the RPO bound is lost, no false gap, the stack stays green', async () => {
    const worker = appPid(env, 'worker');
    const web = appPid(env, 'web');
    const { s } = drill;
    const load = await drill.startLoad();
    await sleep(2_000);

    const faultAt = Date.now();
    await toxi.flap({ resetToxicity: 0.3, latencyMs: 500 });
    const during = await drill.restoreBeforeDelete();
    await sleep(FLAP_MS);
    await toxi.calm();
    const calmAt = Date.now();

    const done = await s.waitFor(during.id, (x) => x.status === 'succeeded', 8 * 60_000);
    const restoredAt = Date.now();
    // the load runs on until every row written during the fault is older than the bound
    await drill.untilPastRpoBound(calmAt);
    expect((await load.stop()).error).toBeNull();
    const rpo = await drill.expectNothingLostBeyondRpo(
      `s3-flapping, region ${done.region} served the restore`,
    );
    // every row of the fault's 60 s was checked, not an empty set
    expect(rpo.checked).toBeGreaterThan(FLAP_MS / 1000);
    await drill.expectExact(during, done.resultInstanceId!);

    // the real catalog sync, through the proxy that flapped: the window has no hole
    await drill.expectWholeWindow();

    await drill.untilGreen();
    expect([appPid(env, 'worker'), appPid(env, 'web')]).toEqual([worker, web]);
    await drill.record(rpo, {
      fault: 'S3 flapping (region A: 30 % resets, +500 ms, 60 s)',
      detectMs: null,
      recoverMs: restoredAt - calmAt,
      note: `restore served by ${done.region}; ${rpo.checked} of ${rpo.total} rows older than the ${DRILL_RPO_BOUND_S} s bound, all archived; fault ${Math.round((calmAt - faultAt) / 1000)} s`,
    });
  }, 900_000);
});
