import { loadTestEnv } from '@rewind/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appPid,
  cloneNotesAndEnd,
  isGreen,
  recordDrillFigures,
  syncedWindow,
  untilHealth,
  wholeWindow,
} from './testing/fault-drill';
import { restoreSuite, sleep, type RestoreSuite } from './testing/restore-suite';
import { startToxiproxy, type Toxiproxy } from './testing/toxiproxy';
import {
  DRILL_ARCHIVE_TIMEOUT_S,
  DRILL_RPO_BOUND_S,
  rowsLostBeyondRpo,
  startWriteLoad,
} from './testing/write-load';

/**
 * Fault drill 7, S3 flapping: a Toxiproxy of this file's own sits in front of region A for this
 * drill's instance only (its pgBackRest repo1 endpoint and the in-process worker's region A
 * client point at the proxy; the stack and every other test talk to region A directly), so the
 * drill runs beside the other integration tests. For 60 s it resets 30 % of connections and adds
 * 500 ms latency, under a pgbench write load and while a restore runs.
 */
const env = loadTestEnv();
const FLAP_MS = 60_000;

let toxi: Toxiproxy;
let s: RestoreSuite;

beforeAll(async () => {
  toxi = await startToxiproxy(env.REGION_A_ENDPOINT);
  s = await restoreSuite({ ...env, REGION_A_ENDPOINT: toxi.endpoint }, 's3-flap', {
    archiveTimeoutSeconds: DRILL_ARCHIVE_TIMEOUT_S,
  });
}, 300_000);

afterAll(async () => {
  await toxi?.calm().catch(() => undefined);
  await s?.close();
  await toxi?.close();
}, 300_000);

describe('fault drill 7: region A flaps (30 % resets, +500 ms) for 60 s', () => {
  it('the restore during it succeeds exactly, no row older than the RPO bound is lost, no false gap, the stack stays green', async () => {
    const worker = appPid(env, 'worker');
    const web = appPid(env, 'web');
    const load = await startWriteLoad(s.engine, s.sock());
    await sleep(2_000);

    const faultAt = Date.now();
    await toxi.flap({ resetToxicity: 0.3, latencyMs: 500 });
    const during = await s.start({
      target: { time: new Date(Date.parse(s.deletedAt) - 1000).toISOString() },
    });
    await sleep(FLAP_MS);
    await toxi.calm();
    const calmAt = Date.now();

    const done = await s.waitFor(during.id, (x) => x.status === 'succeeded', 8 * 60_000);
    const restoredAt = Date.now();
    // the load runs on until every row written during the fault is older than the bound
    await sleep(calmAt + DRILL_RPO_BOUND_S * 1000 + 1000 - Date.now());
    expect((await load.stop()).error).toBeNull();
    // before anything switches WAL: what archived WAL holds is what archive-push achieved alone
    const rpo = await rowsLostBeyondRpo(
      s.engine,
      s.sock(),
      s.source.stanza,
      [env.REGION_A_NAME, env.REGION_B_NAME],
      DRILL_RPO_BOUND_S,
    );
    console.log(
      `[s3-flapping] region ${done.region} served the restore; rpo ${JSON.stringify(rpo)}`,
    );
    // every row of the fault's 60 s was checked, not an empty set
    expect(rpo.checked).toBeGreaterThan(FLAP_MS / 1000);
    expect(rpo.lostByRegion).toEqual({ [env.REGION_A_NAME]: 0, [env.REGION_B_NAME]: 0 });
    expect(await cloneNotesAndEnd(s, during, done.resultInstanceId!)).toEqual([
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
    ]);

    // the real catalog sync, through the proxy that flapped: the window has no hole
    expect(await syncedWindow(s)).toEqual(wholeWindow(env));

    await untilHealth(env, isGreen, 60_000);
    expect([appPid(env, 'worker'), appPid(env, 'web')]).toEqual([worker, web]);
    await recordDrillFigures(env, {
      fault: 'S3 flapping (region A: 30 % resets, +500 ms, 60 s)',
      detectMs: null,
      recoverMs: restoredAt - calmAt,
      rowsLost: Object.values(rpo.lostByRegion).reduce((a, b) => a + b, 0),
      restoreSucceeded: true,
      note: `restore served by ${done.region}; ${rpo.checked} of ${rpo.total} rows older than the ${DRILL_RPO_BOUND_S} s bound, all archived; fault ${Math.round((calmAt - faultAt) / 1000)} s`,
    });
  }, 900_000);
});
