import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { decryptSecret, parseStackEnv } from '@rewind/core';
import {
  backups,
  getInstance,
  getInstanceWindow,
  inTenantTx,
  instances,
  preflightRestore,
  setInstanceLegalHold,
  updateTenantSettings,
  type InstanceRecord,
} from '@rewind/db';
import { findRows, updateRows } from '@rewind/db/testing';
import { createEngine, engineConfigFromEnv, type Engine, type StanzaInfo } from '@rewind/engine';
import { takeBackup } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataPlaneHarness, type DataPlaneHarness } from './data-plane-harness';
import { faketimeShm, removeStaleFaketimeShm, startUnderFaketime } from './testing/faketime';

/**
 * Time-based retention against real, backdated backups.
 *
 * pgBackRest takes an online backup's start and stop timestamps (and so its label) from the
 * PostgreSQL server (`backupTime()` asks the database for clock_timestamp()), not from its own
 * clock: faking pgbackrest's clock changes nothing. So the instance's *server* runs under
 * libfaketime (FAKETIME_ONLY_CMDS=postgres) while the backdated backups are taken; pgbackrest
 * itself (archive-push included, spawned by the server with the same environment) keeps the real
 * clock, which it needs anyway: the stack's TLS certificates are younger than three days and S3
 * signs requests with the current time. `expire` then judges by the real `now`.
 */

const DAY_S = 24 * 60 * 60;
const SECOND = 1000;

describe('retention: 1-day window with backdated backups', () => {
  let h: DataPlaneHarness;
  let engine: Engine;
  let tenantId: string;
  let rec: InstanceRecord;
  let shmBefore: Set<string> | undefined;
  const started = Date.now();
  const lap = (what: string) =>
    console.log(`[retention] ${what} at +${((Date.now() - started) / 1000).toFixed(1)} s`);
  const ref = () => ({ tenantId, instanceId: rec.id });
  const onSource = (text: string) =>
    engine.runSql(
      { socketDir: engine.paths(rec.stanza).run, port: rec.port!, database: rec.databaseName },
      text,
      {
        context: 'retention test workload',
      },
    );
  const info = async (): Promise<StanzaInfo> => engine.info({ instanceId: rec.stanza });
  const labelsOf = (i: StanzaInfo, repo: 1 | 2) =>
    i.repos.find((r) => r.repo === repo)!.backups.map((b) => b.label);
  const window = () =>
    inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      getInstanceWindow(tx, tenantId, rec.id, {
        regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
      }),
    );

  /** Restarts the instance's server, under libfaketime when `offset` is given (e.g. '-3d'). */
  async function restartServer(offset: string | null) {
    await engine.stopInstance({ instanceId: rec.stanza });
    if (offset === null) {
      await engine.startInstance({ instanceId: rec.stanza });
      if (shmBefore) await removeStaleFaketimeShm(shmBefore);
      return;
    }
    shmBefore ??= new Set(await faketimeShm());
    await startUnderFaketime(engine, rec.stanza, offset);
  }

  async function runTakeBackup(label: string, type: 'full' | 'incr') {
    return h.client.workflow.execute(takeBackup, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.backup(
        tenantId,
        rec.id,
        `${label}-${randomBytes(3).toString('hex')}`,
      ),
      args: [{ ...ref(), type }],
      workflowExecutionTimeout: '10 minutes',
    });
  }

  // label → stop epoch of the two backdated full backups, per repo
  const backdated: {
    threeDays: Record<number, { label: string; stopEpoch: number; walStart: string }>;
    twoDays: Record<number, { label: string; stopEpoch: number; walStart: string }>;
  } = {
    threeDays: {},
    twoDays: {},
  };

  beforeAll(async () => {
    h = await startDataPlaneHarness(parseStackEnv(process.env), 'ret');
    engine = createEngine(engineConfigFromEnv(h.env));
    tenantId = h.db.tenant('acme');
    const id = await h.createRecord('acme', `ret-${randomBytes(2).toString('hex')}`);
    rec = await inTenantTx(h.db.app.db, { tenantId }, (tx) => getInstance(tx, tenantId, id));
    await engine.initInstance({
      instanceId: rec.stanza,
      port: rec.port!,
      superuserPassword: randomBytes(12).toString('hex'),
      database: rec.databaseName,
      owner: rec.username,
      ownerPassword: decryptSecret(rec.passwordEnc, h.env.REWIND_SECRET_KEY),
      archiveTimeoutSeconds: 60,
      cipherPass: decryptSecret(rec.repoCipherPassEnc, h.env.REWIND_SECRET_KEY),
      // the test window: repoN-retention-full-type=time, repoN-retention-full=1
      retentionFullDays: 1,
    });
    await engine.stanzaCreate({ instanceId: rec.stanza });
    // takeBackup expires with the tenant's retention from the catalog (the conf file above serves
    // a manual `pgbackrest expire`, like the one at the end): both say 1 day
    await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      updateTenantSettings(tx, tenantId, { retentionDays: 1 }),
    );
    await updateRows(h.db.platform.db, instances, { id: rec.id }, { status: 'running' });
    lap('instance up');
  }, 240_000);

  afterAll(async () => {
    if (!h) return;
    try {
      if (
        rec &&
        (await stat(engine.paths(rec.stanza).root).then(
          () => true,
          () => false,
        ))
      ) {
        await engine
          .stanzaDelete({ instanceId: rec.stanza })
          .catch((e: unknown) => console.warn(String(e)));
        await engine.destroyInstance({ instanceId: rec.stanza });
      }
      if (shmBefore) await removeStaleFaketimeShm(shmBefore);
    } finally {
      await h.close();
    }
  }, 240_000);

  it('takes full backups that pgBackRest records at now − 3 d and now − 2 d (server under libfaketime)', async () => {
    await restartServer('-3d');
    await onSource('create table orders (id serial primary key, note text not null)');
    await onSource("insert into orders(note) values ('three days ago')");
    // no automatic expire: with the real clock it would drop the −3 d backup as soon as −2 d exists
    await engine.backupBothRepos({ instanceId: rec.stanza, type: 'full', expireAuto: false });
    lap('backup at −3 d');
    await restartServer('-2d');
    await onSource("insert into orders(note) values ('two days ago')");
    await engine.backupBothRepos({ instanceId: rec.stanza, type: 'full', expireAuto: false });
    lap('backup at −2 d');
    await restartServer(null);
    await onSource("insert into orders(note) values ('now')");

    const now = Date.now() / SECOND;
    const i = await info();
    for (const repo of [1, 2] as const) {
      const list = i.repos.find((r) => r.repo === repo)!.backups;
      expect(list.map((b) => b.type)).toEqual(['full', 'full']);
      const [b3, b2] = list;
      // within ten minutes of the faked instant (the backup itself took seconds)
      expect(Math.abs(now - 3 * DAY_S - b3!.stopEpoch)).toBeLessThan(600);
      expect(Math.abs(now - 2 * DAY_S - b2!.stopEpoch)).toBeLessThan(600);
      backdated.threeDays[repo] = {
        label: b3!.label,
        stopEpoch: b3!.stopEpoch,
        walStart: b3!.walStart!,
      };
      backdated.twoDays[repo] = {
        label: b2!.label,
        stopEpoch: b2!.stopEpoch,
        walStart: b2!.walStart!,
      };
    }
    console.log(`[retention] backdated labels repo1: ${labelsOf(i, 1).join(', ')}`);
  }, 300_000);

  it('under a legal hold the takeBackup workflow skips expire: nothing is removed', async () => {
    await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      setInstanceLegalHold(tx, tenantId, rec.id, true),
    );
    const result = await runTakeBackup('hold', 'full');
    lap('backup under legal hold');
    expect(result.regions).toEqual([
      { repo: 1, ok: true },
      { repo: 2, ok: true },
    ]);
    expect(result.expired).toBe(false);
    const i = await info();
    for (const repo of [1, 2] as const) {
      const labels = labelsOf(i, repo);
      expect(labels).toHaveLength(3);
      expect(labels.slice(0, 2)).toEqual([
        backdated.threeDays[repo]!.label,
        backdated.twoDays[repo]!.label,
      ]);
      // the WAL of the oldest backup is still there too
      const archive = i.repos.find((r) => r.repo === repo)!.archives[0]!;
      expect(archive.walMin! <= backdated.threeDays[repo]!.walStart).toBe(true);
    }
    // the catalog mirrors all three per region
    const rows = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      findRows(tx, backups, { instanceId: rec.id }),
    );
    expect(rows).toHaveLength(6);
  }, 300_000);

  it('without the hold, expire removes the full backup outside the window but keeps the newest one at or before now − 1 d, which covers earliest', async () => {
    await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      setInstanceLegalHold(tx, tenantId, rec.id, false),
    );
    const result = await runTakeBackup('after-hold', 'incr');
    lap('backup + expire');
    expect(result.expired).toBe(true);
    expect(result.regions.every((r) => r.ok)).toBe(true);

    const i = await info();
    for (const repo of [1, 2] as const) {
      const list = i.repos.find((r) => r.repo === repo)!.backups;
      const labels = list.map((b) => b.label);
      // pgBackRest (expireTimeBasedBackup): from the newest full backwards, the first full whose
      // stop is older than now − retention is the last one kept; every full older than it goes
      expect(labels).not.toContain(backdated.threeDays[repo]!.label);
      expect(labels[0]).toBe(backdated.twoDays[repo]!.label);
      expect(list.map((b) => b.type)).toEqual(['full', 'full', 'incr']);
      // …and the WAL only the expired backup needed went with it
      const archive = i.repos.find((r) => r.repo === repo)!.archives[0]!;
      expect(archive.walMin! > backdated.threeDays[repo]!.walStart).toBe(true);
      expect(archive.walMin! <= backdated.twoDays[repo]!.walStart).toBe(true);
      console.log(
        `[retention] repo${repo}: kept ${labels.join(', ')}; WAL ${archive.walMin}..${archive.walMax} (expired ${backdated.threeDays[repo]!.label})`,
      );
    }

    // the catalog (synced by the workflow) no longer lists the expired backups
    const rows = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      findRows(tx, backups, { instanceId: rec.id }),
    );
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.label)).not.toContain(backdated.threeDays[1]!.label);
    expect(rows.map((r) => r.label)).not.toContain(backdated.threeDays[2]!.label);

    // earliest = just after the kept −2 d backup stopped, so the window still reaches back past
    // now − 1 d; and the backup serving earliest is one pgBackRest still has
    const w = await window();
    const regionNames = [h.env.REGION_A_NAME, h.env.REGION_B_NAME];
    for (const [idx, name] of regionNames.entries()) {
      const repo = (idx + 1) as 1 | 2;
      const r = w.regions.find((x) => x.region === name)!;
      expect(r.earliest).not.toBeNull();
      expect(Date.parse(r.earliest!)).toBe((backdated.twoDays[repo]!.stopEpoch + 1) * SECOND);
      expect(Date.parse(r.earliest!)).toBeLessThan(Date.now() - DAY_S * SECOND);
      expect(r.gaps).toEqual([]);
      const preflight = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
        preflightRestore(tx, {
          tenantId,
          instanceId: rec.id,
          body: { target: { time: r.earliest! }, region: name },
          regions: regionNames,
        }),
      );
      expect(preflight.plan.region).toBe(name);
      expect(preflight.plan.backupLabel).toBe(backdated.twoDays[repo]!.label);
      expect(labelsOf(i, repo)).toContain(preflight.plan.backupLabel);
    }
    // one second before earliest is refused as before the window
    await expect(
      inTenantTx(h.db.app.db, { tenantId }, (tx) =>
        preflightRestore(tx, {
          tenantId,
          instanceId: rec.id,
          body: {
            target: { time: new Date(backdated.twoDays[1]!.stopEpoch * SECOND).toISOString() },
          },
          regions: regionNames,
        }),
      ),
    ).rejects.toMatchObject({ code: 'target_before_window' });

    // a second expire changes nothing: −2 d is still the newest full at or before now − 1 d
    await engine.expire({ instanceId: rec.stanza, repo: 1 });
    await engine.expire({ instanceId: rec.stanza, repo: 2 });
    const again = await info();
    expect(labelsOf(again, 1)).toEqual(labelsOf(i, 1));
    expect(labelsOf(again, 2)).toEqual(labelsOf(i, 2));
  }, 300_000);
});
