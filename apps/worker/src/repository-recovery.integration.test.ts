import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import {
  archivePrefix,
  backupPrefix,
  createActivities,
  type RecoverRepositoryResult,
} from '@rewind/activities';
import { controlRegionsFromEnv, regionsFromEnv } from '@rewind/core';
import { auditEvents, eq } from '@rewind/db';
import { REPOSITORY_LOCK_DAYS } from '@rewind/db/seed';
import { mkdirForPostgres } from '@rewind/engine';
import { freePortSlice, loadTestEnv, scratchPortRange } from '@rewind/engine/testing';
import {
  createRegionClient,
  deleteObjectVersion,
  deletePrefix,
  getObjectRetention,
  listKeys,
  listObjectVersions,
  putObject,
  setObjectRetention,
  type RegionClient,
} from '@rewind/storage';
import { recoverRepositoryAsOf } from '@rewind/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreSuite, sleep, type RestoreSuite } from './testing/restore-suite';

// Ransomware: an attacker with the data-plane hosts' S3 keys of both regions (what every
// pgbackrest.conf holds) deletes the instance's repositories and overwrites backup.info. The
// locked versions survive; the operator recovers the repository as of a second before the
// attack and an ordinary pgBackRest restore from it holds exactly the rows committed by then.
const env = loadTestEnv();
let s: RestoreSuite;
const stolen = regionsFromEnv(env);
const attacker: RegionClient[] = [stolen.a, stolen.b].map((r) =>
  createRegionClient(r, env.S3_CA_FILE, { maxAttempts: 1 }),
);
const control = controlRegionsFromEnv(env);
const operator: RegionClient[] = [control.a, control.b].map((r) =>
  createRegionClient(r, env.S3_CA_FILE),
);

beforeAll(async () => {
  s = await restoreSuite(env, 'ransom');
}, 300_000);

afterAll(async () => {
  for (const c of [...attacker, ...operator]) c.s3.destroy();
  await s?.close();
}, 120_000);

/** The S3 error under storage's wrapped one: its name and HTTP status, or undefined if the call succeeded. */
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { cause?: { name?: string; $metadata?: { httpStatusCode?: number } } }) => ({
      name: e.cause?.name,
      status: e.cause?.$metadata?.httpStatusCode,
    }),
  );
const denied = { name: 'AccessDenied', status: 403 };

const utc = (expr: string) =>
  `select to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Rows go in every 100 ms while the WAL is switched and archived. Returns `asOf`, the last whole
 * second by which both regions held that WAL (S3's LastModified has second resolution, so a
 * segment stored at 12:00:00.7 counts as stored by 12:00:00). A restore to a second before it
 * needs a commit after that target inside the archived WAL; when archiving was too slow for
 * that, it switches again.
 */
async function writeUntilArchived(): Promise<Date> {
  await s.onSource('create table ledger (id serial primary key, note text not null)');
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      await s.onSource(`insert into ledger(note) values ('n${i}')`);
      await sleep(100);
    }
  })();
  try {
    await sleep(2_000);
    for (let attempt = 0; attempt < 10; attempt++) {
      // every commit seen here precedes the switch, so it lies in the segment being archived
      const lastBefore = Date.parse(
        (await s.onSource(utc('select max(pg_xact_commit_timestamp(xmin)) from ledger'))).trim(),
      );
      const segment = (await s.onSource('select pg_walfile_name(pg_switch_wal())')).trim();
      for (;;) {
        const archived = (
          await s.onSource("select coalesce(last_archived_wal, '') from pg_stat_archiver")
        ).trim();
        if (archived >= segment) break;
        await sleep(100);
      }
      const archivedAt = Date.parse(
        (await s.onSource(utc('select last_archived_time from pg_stat_archiver'))).trim(),
      );
      const asOf = Math.floor(archivedAt / 1000) * 1000;
      if (asOf - 1000 < lastBefore) return new Date(asOf);
    }
    throw new Error('archiving never finished within the second after a commit, ten times running');
  } finally {
    writing = false;
    await writer;
  }
}

describe('backups that survive a stolen host key', () => {
  let asOf: Date;
  let restoreTarget: string;
  let expected: string[];
  let recovered: RecoverRepositoryResult;

  it('the hosts’ key cannot delete a locked version, bypass governance or shorten a retention', async () => {
    for (const c of attacker) {
      const versions = (await listObjectVersions(c, backupPrefix(s.source.stanza))).filter((v) =>
        v.key.endsWith('/backup.info'),
      );
      expect(versions.length).toBeGreaterThan(0);
      for (const v of versions) {
        expect(await errorOf(deleteObjectVersion(c, v.key, v.versionId))).toEqual(denied);
        expect(
          await errorOf(deleteObjectVersion(c, v.key, v.versionId, { bypassGovernance: true })),
        ).toEqual(denied);
        const soon = {
          mode: 'GOVERNANCE' as const,
          retainUntil: new Date(Date.now() + 1000),
          bypassGovernance: true,
        };
        expect(await errorOf(setObjectRetention(c, v.key, v.versionId, soon))).toEqual(denied);
      }
      // every version is still there
      const after = (await listObjectVersions(c, backupPrefix(s.source.stanza))).filter((v) =>
        v.key.endsWith('/backup.info'),
      );
      expect(after.map((v) => v.versionId).sort()).toEqual(versions.map((v) => v.versionId).sort());
    }
  });

  it('after a backup the control plane extends the lock of the info files a full period ahead (archive.info is written once)', async () => {
    const key = `${archivePrefix(s.source.stanza)}archive.info`;
    const before = await getObjectRetention(operator[0]!, key);
    const startedAt = Date.now();
    const result = await createActivities(s.deps).refreshRepositoryLocks({
      tenantId: s.tenantId,
      instanceId: s.source.id,
    });
    expect(result.regions.map((r) => [r.region, r.extended.length, r.error])).toEqual([
      [env.REGION_A_NAME, 4, undefined],
      [env.REGION_B_NAME, 4, undefined],
    ]);
    for (const c of operator) {
      const after = await getObjectRetention(c, key);
      expect(after?.mode).toBe('GOVERNANCE');
      // S3 keeps the date to the second
      expect(after!.retainUntil.getTime()).toBeGreaterThanOrEqual(
        Math.floor(startedAt / 1000) * 1000 + REPOSITORY_LOCK_DAYS * 86_400_000,
      );
    }
    expect(before!.retainUntil.getTime()).toBeLessThanOrEqual(
      (await getObjectRetention(operator[0]!, key))!.retainUntil.getTime(),
    );
  });

  it('after every current object is deleted and backup.info overwritten in both regions, the repository comes back from versions', async () => {
    asOf = await writeUntilArchived();
    restoreTarget = new Date(asOf.getTime() - 1000).toISOString();
    // the truth, from the source itself: rows whose commit is at or before the target
    expected = (
      await s.onSource(
        `select note from ledger where pg_xact_commit_timestamp(xmin) <= '${restoreTarget}' order by id`,
      )
    )
      .split('\n')
      .filter(Boolean);
    const total = Number((await s.onSource('select count(*) from ledger')).trim());
    expect(expected.length).toBeGreaterThan(5);
    expect(total).toBeGreaterThan(expected.length); // rows after the target exist, and must not come back

    // the attack starts in a later second than asOf (S3 keeps LastModified to the second)
    await sleep(asOf.getTime() + 1_100 - Date.now());
    for (const c of attacker) {
      const stanza = s.source.stanza;
      expect(await deletePrefix(c, archivePrefix(stanza))).toBeGreaterThan(0);
      expect(await deletePrefix(c, backupPrefix(stanza))).toBeGreaterThan(0);
      for (const k of ['backup.info', 'backup.info.copy'])
        await putObject(c, `${backupPrefix(stanza)}${k}`, randomBytes(512));
      expect(await listKeys(c, archivePrefix(stanza))).toEqual([]);
      expect((await listKeys(c, backupPrefix(stanza))).sort()).toEqual([
        `${backupPrefix(stanza)}backup.info`,
        `${backupPrefix(stanza)}backup.info.copy`,
      ]);
    }
    // the ordinary repository is useless now
    const attacked = s.engine.paths(`${s.source.stanza}-x`);
    try {
      await mkdirForPostgres(attacked.root, 0o700);
      await expect(
        s.engine.restore({
          instanceId: s.source.stanza,
          targetDir: attacked.pgdata,
          repo: 1,
          target: { type: 'time', targetTime: restoreTarget },
        }),
      ).rejects.toThrow();
    } finally {
      await rm(attacked.root, { recursive: true, force: true });
    }

    // what `npm run admin -- repo recover` runs, on this suite's workers
    recovered = await recoverRepositoryAsOf(
      { platformDb: s.platform.db, temporal: async () => s.client },
      {
        instanceId: s.source.id,
        asOf: asOf.toISOString(),
        requestedBy: 'ransom test',
        controlPlaneQueue: s.queues.controlPlaneQueue,
      },
    );
    const recoveryId = recovered.repoPath.replace('/recovered/', '');
    expect(recovered.repoPath).toMatch(/^\/recovered\/r\d{14}-[0-9a-f]{6}$/);
    expect(recovered.regions.map((r) => [r.region, r.ok])).toEqual([
      [env.REGION_A_NAME, true],
      [env.REGION_B_NAME, true],
    ]);
    for (const r of recovered.regions) expect(r.archive!.copied).toBeGreaterThan(2);
    const audit = await s.platform.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, s.source.id));
    expect(audit.find((e) => e.action === 'repository.recovered')?.data).toMatchObject({
      recoveryId,
      repoPath: recovered.repoPath,
    });
  }, 600_000);

  it.each([1, 2] as const)(
    'a restore from repo%i recovered holds exactly the rows committed up to a second before the attack',
    async (repo) => {
      expect(recovered, 'the recovery above must have run').toBeDefined();
      const copyId = `${s.source.stanza}-rec${repo}`;
      const paths = s.engine.paths(copyId);
      const { min, max } = scratchPortRange(env);
      const port = await freePortSlice(min, max, 1);
      try {
        for (const dir of [paths.root, paths.log, paths.run]) await mkdirForPostgres(dir, 0o700);
        await s.engine.restore({
          instanceId: s.source.stanza,
          targetDir: paths.pgdata,
          repo,
          repoPath: recovered.repoPath,
          target: { type: 'time', targetTime: restoreTarget },
        });
        await s.engine.prepareRestoredCluster({
          pgdata: paths.pgdata,
          port,
          socketDir: paths.run,
          walSource: {
            stanza: s.source.stanza,
            repo,
            copyDir: paths.root,
            repoPath: recovered.repoPath,
          },
        });
        await s.engine.startCluster({
          pgdata: paths.pgdata,
          logFile: paths.postgresLog,
          label: copyId,
          timeoutSeconds: 300,
        });
        const target = { socketDir: paths.run, port, database: s.source.databaseName };
        await s.engine.waitForPromotion(target, { label: copyId, timeoutMs: 300_000 });
        const rows = (
          await s.engine.runSql(target, 'select note from ledger order by id', {
            context: 'reading the copy',
          })
        )
          .split('\n')
          .filter(Boolean);
        expect(rows).toEqual(expected);
      } finally {
        await s.engine.destroyCluster({ pgdata: paths.pgdata, label: copyId });
        await rm(paths.root, { recursive: true, force: true });
      }
    },
    600_000,
  );
});
