import { createActivities } from '@rewind/activities';
import { getInstanceWindow, inTenantTx, type InstanceWindow } from '@rewind/db';
import { loadTestEnv } from '@rewind/engine/testing';
import { extendCloneUpdate } from '@rewind/workflows/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreSuite, sleep, type RestoreSuite } from './testing/restore-suite';

/**
 * A quiet database (no commit after its last one): the real catalog sync, run as the instance
 * monitor runs it (each round handed the WAL position the previous one saw), must let the window
 * reach now once all WAL is archived, keep the recovery point age small, and a restore to a minute
 * ago must succeed with exactly the data of then. Source: orders r1..r5, DELETE, then 'tail' (its
 * last commit), from the shared restore suite; one instance.
 */
const env = loadTestEnv();
const MINUTE = 60_000;
let s: RestoreSuite;

beforeAll(async () => {
  s = await restoreSuite(env, 'quiet');
}, 300_000);

afterAll(async () => {
  await s?.close();
}, 120_000);

describe('a quiet database', () => {
  it('2 minutes after its last commit, a restore to 1 minute ago succeeds as the end of archived WAL and holds exactly that data', async () => {
    const acts = createActivities(s.deps);
    const ref = { tenantId: s.tenantId, instanceId: s.source.id };
    // the source's newest commit (autovacuum's ANALYZE of orders commits too, once, on its own)
    const lastCommit = async () => {
      const [xid, at] = (
        await s.onSource(
          `select xid::text, to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from pg_last_committed_xact()`,
        )
      )
        .trim()
        .split('|');
      return { xid: xid!, at: Date.parse(at!) };
    };
    let last = await lastCommit();
    const ordersThen = (
      await s.onSource("select string_agg(note, ',' order by id) from orders")
    ).trim();
    expect(ordersThen).toBe('tail');
    const window = (): Promise<InstanceWindow> =>
      inTenantTx(s.app.db, { tenantId: s.tenantId }, (tx) =>
        getInstanceWindow(tx, s.tenantId, s.source.id, {
          regions: [env.REGION_A_NAME, env.REGION_B_NAME],
        }),
      );

    // the monitor's rounds, faster
    let sawAllArchived = false;
    let w = await window();
    const target = () => new Date(Date.now() - MINUTE);
    for (;;) {
      await acts.syncCatalog(ref);
      last = await lastCommit();
      w = await window();
      const a = w.regions[0]!;
      if (a.unarchivedWalBytes === 0) sawAllArchived = true;
      if (
        Date.now() - last.at >= 2 * MINUTE &&
        a.latest !== null &&
        Date.parse(a.latest) >= target().getTime()
      )
        break;
      if (Date.now() - last.at > 6 * MINUTE)
        throw new Error(`the window never reached a minute ago: ${JSON.stringify(w.regions)}`);
      await sleep(5_000);
    }
    const a = w.regions[0]!;
    // nothing committed for 2 minutes, yet the window reaches past the last commit ...
    expect(Date.parse(a.latest!)).toBeGreaterThan(last.at + MINUTE);
    expect(a.archivedThroughAt).not.toBeNull();
    // ... and the recovery point age is what is not archived (nothing), not the time since the last commit
    // (a checkpoint or running-xacts record may sit in the open segment: that WAL holds no commit)
    expect(sawAllArchived || a.unarchivedWalBytes! > 0).toBe(true);
    expect(a.rpoSeconds!).toBeLessThan(60);

    const at = target().toISOString();
    const r = await s.start({ target: { time: at } });
    const done = await s.waitFor(r.id, (x) => x.status === 'succeeded');
    const stop = done.checks.find((c) => c.name === 'recovery_target')!;
    expect(stop.ok).toBe(true);
    expect(stop.detail).toMatch(
      /^served as the state at the end of archived WAL: the target is after the newest archived commit, and every WAL byte written until \S+ is archived, .*recovery stopped after WAL location \S+; the last applied commit is transaction \d+/,
    );
    expect(done.checks.every((c) => c.ok)).toBe(true);

    // exactly the data of then: the orders, and no more commits than the source had
    const clone = await s.instanceRow(done.resultInstanceId!);
    const onClone = (sql: string) =>
      s.engine.runSql(
        {
          socketDir: s.engine.paths(clone.id).run,
          port: clone.port!,
          database: clone.databaseName,
        },
        sql,
        { context: 'reading the quiet restore' },
      );
    expect((await onClone("select string_agg(note, ',' order by id) from orders")).trim()).toBe(
      ordersThen,
    );
    // and recovery applied the source's last commit, nothing after it
    expect(stop.detail).toContain(`the last applied commit is transaction ${last.xid} `);

    await r.handle.executeUpdate(extendCloneUpdate, {
      args: [{ expiresAt: new Date().toISOString(), byUserId: s.ownerId }],
    });
    await r.handle.result();
  }, 600_000);
});
