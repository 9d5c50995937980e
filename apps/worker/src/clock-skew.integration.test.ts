import { createActivities } from '@rewind/activities';
import { describe, expect, it } from 'vitest';
import { faketimeShm, removeStaleFaketimeShm, startUnderFaketime } from './testing/faketime';
import { faultDrill, sleep } from './testing/fault-drill-fixture';

/**
 * Fault drill 9, clock skew: this drill's instance alone runs its server 30 s ahead (libfaketime;
 * its commit timestamps are on that clock), under a pgbench load and while a restore runs. The
 * catalog sync measures the skew, the API shows it, pre-flight states it, and a time target read
 * on the instance's commit clock restores exactly the commits up to it (on the control plane's
 * clock that second is still 30 s in the future).
 */
const SKEW_S = 30;

let shmBefore: Set<string>;
const drill = faultDrill('clock-skew', {
  setUp: async (s) => {
    await s.onSource('create table marks (note text not null)');
    shmBefore = new Set(await faketimeShm());
  },
  tearDown: () => restartSource(null).catch(() => undefined),
});
const { env } = drill;

const commitTime = async () =>
  (
    await drill.s.onSource(
      `select to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from pg_last_committed_xact()`,
    )
  ).trim();

async function restartSource(offset: string | null) {
  const { s } = drill;
  await s.engine.stopInstance({ instanceId: s.source.stanza });
  if (offset === null) {
    await s.engine.startInstance({ instanceId: s.source.stanza });
    await removeStaleFaketimeShm(shmBefore);
  } else await startUnderFaketime(s.engine, s.source.stanza, offset);
}

describe('fault drill 9: one instance runs 30 s ahead', () => {
  it('skew measured at sync and shown, pre-flight states it, a time target on the commit clock restores exactly', async () => {
    const { s } = drill;
    const ref = { tenantId: s.tenantId, instanceId: s.source.id };
    const activities = createActivities(s.deps);
    const token = await drill.ownerToken('clock-skew drill');
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
    const load = await drill.startLoad();
    const loadFrom = Date.now();

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
    await drill.expectExact(during, done.resultInstanceId!, ['tail']);

    // every row older than the bound (on the instance's clock) is archived
    // (from the load's start, not the fault's: the restart under faketime comes first, and once
    // a fresh server archives on time the rest takes less than the bound, which left no row to
    // check; the load's first 5 s are always checked)
    await drill.untilPastRpoBound(loadFrom + 5_000);
    expect((await load.stop()).error).toBeNull();
    const rpo = await drill.expectNothingLostBeyondRpo(
      `clock-skew, skew ${probe.clockSkewMs} ms`,
      probe.clockSkewMs!,
    );
    expect(rpo.checked).toBeGreaterThan(0);

    // the clock is set right again: measured back in step
    const fixedAt = Date.now();
    await restartSource(null);
    const back = (await activities.syncCatalog(ref)).probe;
    expect(Math.abs(back.clockSkewMs!)).toBeLessThan(1_000);
    const recoverMs = Date.now() - fixedAt;
    await drill.expectWholeWindow();
    await drill.untilGreen();

    await drill.record(rpo, {
      fault: `clock skew (one instance +${SKEW_S} s)`,
      detectMs,
      recoverMs,
      note: `measured ${(probe.clockSkewMs! / 1000).toFixed(2)} s; the target on the commit clock restored exactly m1`,
    });
  }, 900_000);
});
