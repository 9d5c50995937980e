import { execFile } from 'node:child_process';
import { mkdir, rename, rmdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createActivities } from '@rewind/activities';
import { inTenantTx, listAlerts } from '@rewind/db';
import { describe, expect, it } from 'vitest';
import { DRILL_RPO_BOUND_S, faultDrill, sleep } from './testing/fault-drill-fixture';

/**
 * Fault drill 8, disk full: this drill's instance alone gets its data directory on a small tmpfs
 * of its own (nothing else lives on it, so the drill runs beside the other tests), then a ballast
 * file fills it, under a pgbench load and while a restore of the instance runs. PostgreSQL must
 * refuse writes, lose nothing it committed, the instance must say why (API), and all must come
 * back once the ballast is gone; the data_volume_full alert opens while the volume is full.
 */
const run = promisify(execFile);
const HEADROOM_MIB = 64;

let pgdata: string;
let mounted = false;
const drill = faultDrill('disk-full', {
  setUp: async (suite) => {
    pgdata = suite.engine.paths(suite.source.stanza).pgdata;
    await moveDataOntoTmpfs();
  },
  tearDown: moveDataBack,
});
const { env } = drill;

async function moveDataOntoTmpfs() {
  const { s } = drill;
  await s.engine.stopInstance({ instanceId: s.source.stanza });
  const used = Number((await run('du', ['-sm', pgdata])).stdout.split('\t')[0]);
  await rename(pgdata, `${pgdata}.disk`);
  await mkdir(pgdata);
  const { stdout: owner } = await run('stat', ['-c', '%u:%g', `${pgdata}.disk`]);
  const [uid, gid] = owner.trim().split(':');
  await run('mount', [
    '-t',
    'tmpfs',
    '-o',
    `size=${used + HEADROOM_MIB}m,mode=0700,uid=${uid},gid=${gid}`,
    'tmpfs',
    pgdata,
  ]);
  mounted = true;
  await run('cp', ['-a', `${pgdata}.disk/.`, pgdata]);
  await run('rm', ['-rf', `${pgdata}.disk`]);
  await s.engine.startInstance({ instanceId: s.source.stanza });
}

async function moveDataBack() {
  if (!mounted) return;
  const { s } = drill;
  await s.engine.stopInstance({ instanceId: s.source.stanza }).catch(() => undefined);
  await mkdir(`${pgdata}.disk`);
  await run('cp', ['-a', `${pgdata}/.`, `${pgdata}.disk`]);
  await run('umount', [pgdata]);
  mounted = false;
  await rmdir(pgdata);
  await rename(`${pgdata}.disk`, pgdata);
}

/** A write that needs new pages (TOAST of ~10 kB of incompressible text): refused on a full disk. */
const bigWrite = (tag: string) =>
  drill.s.onSource(
    `create table if not exists drill_big (tag text, body text);
     insert into drill_big select '${tag}', string_agg(md5(random()::text), '') from generate_series(1, 400)`,
  );

/** The instance's open data_volume_full alerts, as the tenant reads them (RLS on). */
const openFullAlerts = async () =>
  (
    await inTenantTx(drill.s.app.db, { tenantId: drill.s.tenantId }, (tx) =>
      listAlerts(tx, drill.s.tenantId, { status: 'open', instanceId: drill.s.source.id }),
    )
  ).filter((a) => a.kind === 'data_volume_full');

describe('fault drill 8: the data volume of one instance fills up', () => {
  it('writes are refused, nothing committed is lost, the instance says why, and it recovers when space returns', async () => {
    const { s } = drill;
    const ref = { tenantId: s.tenantId, instanceId: s.source.id };
    const activities = createActivities(s.deps);
    const token = await drill.ownerToken('disk-full drill');
    const detail = async () =>
      (await (
        await fetch(new URL(`/api/v1/instances/${s.source.id}`, env.WEB_URL), {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { status: string; healthReason: string | null };

    expect((await activities.syncCatalog(ref)).probe.healthReason).toBeNull();
    const load = await drill.startLoad();
    await bigWrite('before');
    const during = await drill.restoreBeforeDelete();
    await sleep(2_000);

    // fill the volume: dd stops at ENOSPC
    const faultAt = Date.now();
    await run('dd', ['if=/dev/zero', `of=${pgdata}/drill_ballast`, 'bs=1M']).catch(() => undefined);
    const committedBefore = await s.onSource("select count(*) || ':' || max(id) from drill_load");

    // PostgreSQL refuses a write that needs space, saying why
    const refused = await bigWrite('during').then(
      () => 'accepted',
      (err: unknown) => String(err),
    );
    expect(refused).toMatch(/No space left on device/);

    // the probe of the next catalog sync says why, and the API shows it
    const probe = (await activities.syncCatalog(ref)).probe;
    const detectMs = Date.now() - faultAt;
    expect(probe.healthReason).toMatch(/^data volume full: \d+\.\d MiB free of \d+\.\d MiB/);
    const shown = await detail();
    expect(shown.status).toBe('running');
    expect(shown.healthReason).toBe(probe.healthReason);
    // the alert the monitor evaluates after that sync opens, naming the instance and why
    await activities.evaluateInstanceAlerts(ref);
    expect((await openFullAlerts()).map((a) => a.summary)).toEqual([
      `${s.source.name}: ${probe.healthReason}`,
    ]);

    // the restore (reading S3, writing the clone elsewhere) is not affected
    const done = await s.waitFor(during.id, (x) => x.status === 'succeeded', 8 * 60_000);
    await drill.expectExact(during, done.resultInstanceId!);

    // space returns
    await run('rm', ['-f', `${pgdata}/drill_ballast`]);
    const freedAt = Date.now();
    const after = (await activities.syncCatalog(ref)).probe;
    expect(after.healthReason).toBeNull();
    expect((await detail()).healthReason).toBeNull();
    await activities.evaluateInstanceAlerts(ref);
    expect(await openFullAlerts()).toEqual([]);
    await bigWrite('after'); // writes are accepted again
    const recoverMs = Date.now() - freedAt;

    // nothing committed before the disk filled is gone (the server may have restarted meanwhile)
    const [countBefore, maxBefore] = committedBefore.split(':').map(Number);
    expect(
      Number(await s.onSource(`select count(*) from drill_load where id <= ${maxBefore}`)),
    ).toBe(countBefore);
    expect(await s.onSource("select string_agg(tag, ',' order by tag) from drill_big")).toBe(
      'after,before',
    );

    await drill.untilPastRpoBound(freedAt);
    const loadEnd = await load.stop();
    console.log(
      `[disk-full] pgbench: ${loadEnd.error ?? 'ran throughout'}; probe: ${probe.healthReason}`,
    );
    console.log(
      `[disk-full] archiver: ${await s.onSource('select archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal, last_failed_time, pg_walfile_name(pg_current_wal_lsn()) from pg_stat_archiver')}`,
    );
    const rpo = await drill.expectNothingLostBeyondRpo('disk-full');
    expect(rpo.checked).toBeGreaterThan(0);
    await drill.expectWholeWindow();
    await drill.untilGreen();

    await drill.record(rpo, {
      fault: 'disk full (one instance data volume)',
      detectMs,
      recoverMs,
      note: `${rpo.checked} of ${rpo.total} rows older than the ${DRILL_RPO_BOUND_S} s bound, all archived`,
    });
  }, 900_000);
});
