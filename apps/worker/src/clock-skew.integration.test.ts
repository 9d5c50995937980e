import { createActivities } from '@rewind/activities';
import { createApiTokenRecord, inTenantTx } from '@rewind/db';
import { loadTestEnv } from '@rewind/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cloneNotesAndEnd,
  isGreen,
  recordDrillFigures,
  syncedWindow,
  untilHealth,
  wholeWindow,
} from './testing/fault-drill';
import { faketimeShm, removeStaleFaketimeShm, startUnderFaketime } from './testing/faketime';
import { restoreSuite, sleep, type RestoreSuite } from './testing/restore-suite';
import {
  DRILL_ARCHIVE_TIMEOUT_S,
  DRILL_RPO_BOUND_S,
  rowsLostBeyondRpo,
  startWriteLoad,
} from './testing/write-load';

/**
 * Fault drill 9, clock skew: this drill's instance alone runs its server 30 s ahead (libfaketime;
 * its commit timestamps are on that clock), under a pgbench load and while a restore runs. The
 * catalog sync measures the skew, the API shows it, pre-flight states it, and a time target read
 * on the instance's commit clock restores exactly the commits up to it (on the control plane's
 * clock that second is still 30 s in the future).
 */
const env = loadTestEnv();
const SKEW_S = 30;

let s: RestoreSuite;
let shmBefore: Set<string>;

const commitTime = async () =>
  (
    await s.onSource(
      `select to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from pg_last_committed_xact()`,
    )
  ).trim();

async function restartSource(offset: string | null) {
  await s.engine.stopInstance({ instanceId: s.source.stanza });
  if (offset === null) {
    await s.engine.startInstance({ instanceId: s.source.stanza });
    await removeStaleFaketimeShm(shmBefore);
  } else await startUnderFaketime(s.engine, s.source.stanza, offset);
}

beforeAll(async () => {
  s = await restoreSuite(env, 'clock-skew', { archiveTimeoutSeconds: DRILL_ARCHIVE_TIMEOUT_S });
  await s.onSource('create table marks (note text not null)');
  shmBefore = new Set(await faketimeShm());
}, 300_000);

afterAll(async () => {
  await restartSource(null).catch(() => undefined);
  await s?.close();
}, 300_000);

describe('fault drill 9: one instance runs 30 s ahead', () => {
  it('skew measured at sync and shown, pre-flight states it, a time target on the commit clock restores exactly', async () => {
    const ref = { tenantId: s.tenantId, instanceId: s.source.id };
    const activities = createActivities(s.deps);
    const { token } = await inTenantTx(s.platform.db, { tenantId: s.tenantId }, (tx) =>
      createApiTokenRecord(tx, {
        tenantId: s.tenantId,
        userId: s.ownerId,
        name: `clock-skew drill ${Date.now()}`,
      }),
    );
    const api = async (p: string, body?: unknown) => {
      const res = await fetch(new URL(`/api/v1/instances/${s.source.id}${p}`, env.WEB_URL), {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { code: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    const faultAt = Date.now();
    await restartSource(`+${SKEW_S}s`);
    const load = await startWriteLoad(s.engine, s.sock());

    // the sync measures it; the API shows it
    const probe = (await activities.syncCatalog(ref)).probe;
    const detectMs = Date.now() - faultAt;
    expect(Math.abs(probe.clockSkewMs! - SKEW_S * 1000)).toBeLessThan(1_000);
    const shown = await api('');
    expect(Math.abs((shown.body.clockSkewMs as number) - SKEW_S * 1000)).toBeLessThan(1_000);

    // m1 and m2 a second apart on the instance's clock; the target is m1's commit second
    await s.onSource("insert into marks values ('m1')");
    const m1At = await commitTime();
    const m1Real = Date.now();
    await sleep(1_100);
    await s.onSource("insert into marks values ('m2')");
    await sleep(1_100);
    await s.onSource("insert into marks values ('m3')"); // recovery stops only at a later commit
    await s.engine.check({ instanceId: s.source.stanza }); // both regions hold that WAL
    await activities.syncCatalog(ref);
    // m1 is on the instance's clock: 30 s after the control plane's now
    expect(Date.parse(m1At) - m1Real).toBeGreaterThan((SKEW_S - 5) * 1000);

    const target = { time: m1At, inclusive: true };
    const pre = await api('/restores/preflight', { target, mode: 'clone' });
    expect(pre.code).toBe(200);
    expect(pre.body.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^this instance's clock is 3\d\.\d s ahead of the control plane's \(measured .*\): the target time is read on the instance's commit clock/,
        ),
      ]),
    );
    expect(Math.abs((pre.body.clockSkewMs as number) - SKEW_S * 1000)).toBeLessThan(1_000);

    // the restore, while the skew and the load go on
    const during = await s.start({ target });
    const done = await s.waitFor(during.id, (x) => x.status === 'succeeded', 8 * 60_000);
    const clone = await s.instanceRow(done.resultInstanceId!);
    const marks = await s.engine.runSql(
      {
        socketDir: s.engine.paths(clone.id).run,
        port: clone.port!,
        database: s.source.databaseName,
      },
      "select string_agg(note, ',' order by note) from marks",
      { context: 'reading the restored marks' },
    );
    expect(marks).toBe('m1');
    // orders as restoreSuite left them: emptied, then 'tail' (before the skew began)
    expect(await cloneNotesAndEnd(s, during, done.resultInstanceId!)).toEqual(['tail']);

    // every row older than the bound (on the instance's clock) is archived
    await sleep(faultAt + DRILL_RPO_BOUND_S * 1000 + 1000 - Date.now());
    expect((await load.stop()).error).toBeNull();
    const rpo = await rowsLostBeyondRpo(
      s.engine,
      s.sock(),
      s.source.stanza,
      [env.REGION_A_NAME, env.REGION_B_NAME],
      DRILL_RPO_BOUND_S,
      probe.clockSkewMs!,
    );
    console.log(`[clock-skew] skew ${probe.clockSkewMs} ms; rpo ${JSON.stringify(rpo)}`);
    expect(rpo.checked).toBeGreaterThan(0);
    expect(rpo.lostByRegion).toEqual({ [env.REGION_A_NAME]: 0, [env.REGION_B_NAME]: 0 });

    // the clock is set right again: measured back in step
    const fixedAt = Date.now();
    await restartSource(null);
    const back = (await activities.syncCatalog(ref)).probe;
    expect(Math.abs(back.clockSkewMs!)).toBeLessThan(1_000);
    const recoverMs = Date.now() - fixedAt;
    expect(await syncedWindow(s)).toEqual(wholeWindow(env));
    await untilHealth(env, isGreen, 60_000);

    await recordDrillFigures(env, {
      fault: `clock skew (one instance +${SKEW_S} s)`,
      detectMs,
      recoverMs,
      rowsLost: Object.values(rpo.lostByRegion).reduce((a, b) => a + b, 0),
      restoreSucceeded: true,
      note: `measured ${(probe.clockSkewMs! / 1000).toFixed(2)} s; the target on the commit clock restored exactly m1`,
    });
  }, 900_000);
});
