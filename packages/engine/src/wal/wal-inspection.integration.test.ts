/**
 * End to end against real PostgreSQL 15 + pgBackRest: a throwaway cluster
 * archives into a posix pgBackRest repo; we read the archive back through
 * archive-get + pg_waldump. Needs root (runuser) and the Debian packages; does
 * not need the Rewind stack.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchArchivedSegment } from './fetch-archived-segment';
import { findDestructiveEvents } from './find-destructive-events';
import { latestArchivedCommit } from './latest-archived-commit';
import { nextSegment, parseSegmentName, segmentNameFromSegNo } from './segment-names';
import { pgbackrestSegmentSource } from './segment-source';

const exec = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';
const PGBACKREST = '/usr/bin/pgbackrest';
const STANZA = 'walit';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canRun = isRoot && existsSync(`${PG_BIN}/postgres`) && existsSync(PGBACKREST);

async function freePort(): Promise<number> {
  const fromEnv = Number(process.env.REWIND_WAL_TEST_PORT);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

async function asPostgres(cmd: string, args: string[]): Promise<string> {
  const { stdout } = await exec('runuser', ['-u', 'postgres', '--', cmd, ...args], {
    cwd: '/tmp',
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe.skipIf(!canRun)('WAL inspection against a real archive', () => {
  let dir = '';
  let port = 0;
  let started = false;
  const config = () => join(dir, 'pgbackrest.conf');
  const psql = async (...commands: string[]) =>
    (
      await asPostgres(`${PG_BIN}/psql`, [
        '-X',
        '-qAt',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        dir,
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        'postgres',
        ...commands.flatMap((c) => ['-c', c]),
      ])
    ).trim();
  const pgbackrest = (...args: string[]) =>
    asPostgres(PGBACKREST, [`--config=${config()}`, `--stanza=${STANZA}`, ...args]);

  let deleteXid = 0;
  let lastXid = 0;
  let archived: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rewind-wal-it-'));
    await chmod(dir, 0o755);
    port = await freePort();
    for (const sub of ['repo', 'log', 'lock', 'spool']) await mkdir(join(dir, sub));
    await writeFile(
      config(),
      [
        '[global]',
        'repo1-type=posix',
        `repo1-path=${dir}/repo`,
        'repo1-retention-full=1',
        `log-path=${dir}/log`,
        `lock-path=${dir}/lock`,
        `spool-path=${dir}/spool`,
        'log-level-console=warn',
        'log-level-file=off',
        'start-fast=y',
        '',
        `[${STANZA}]`,
        `pg1-path=${dir}/pgdata`,
        `pg1-port=${port}`,
        `pg1-socket-path=${dir}`,
        '',
      ].join('\n'),
    );
    await exec('chown', ['-R', 'postgres:postgres', dir]);
    await chown(config(), 0, 0);
    await chmod(config(), 0o644);
    await asPostgres(`${PG_BIN}/initdb`, [
      '--data-checksums',
      '-U',
      'postgres',
      '-D',
      join(dir, 'pgdata'),
    ]);
    await writeFile(
      join(dir, 'pgdata', 'postgresql.auto.conf'),
      [
        `port = ${port}`,
        "listen_addresses = ''",
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'archive_mode = on',
        `archive_command = '${PGBACKREST} --config=${config()} --stanza=${STANZA} archive-push %p'`,
        'track_commit_timestamp = on',
        // No background transactions: the newest commit must be ours.
        'autovacuum = off',
        '',
      ].join('\n'),
    );
    await exec('chown', ['postgres:postgres', join(dir, 'pgdata', 'postgresql.auto.conf')]);
    await asPostgres(`${PG_BIN}/pg_ctl`, [
      '-D',
      join(dir, 'pgdata'),
      '-l',
      join(dir, 'log', 'postgres.log'),
      '-w',
      'start',
    ]);
    started = true;
    await pgbackrest('stanza-create');

    await psql(
      'create table orders(id int primary key, note text)',
      "insert into orders select g, 'n' from generate_series(1, 4000) g",
    );
    // The DELETE and txid_current() in one transaction: the xid WAL records it under.
    deleteXid = Number(
      await psql('begin', 'select txid_current()', 'delete from orders where id <= 3000', 'commit'),
    );
    lastXid = Number(
      await psql(
        'begin',
        'select txid_current()',
        "insert into orders values (100000, 'last')",
        'commit',
      ),
    );
    const switched = await psql('select pg_walfile_name(pg_switch_wal())');
    // Archiving is asynchronous to the switch: wait until the switched segment is in the repo.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const last = await psql("select coalesce(last_archived_wal, '') from pg_stat_archiver");
      if (last >= switched) break;
      if (Date.now() > deadline)
        throw new Error(`segment ${switched} was not archived within 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // The catalog learns archived ranges from `pgbackrest info`; do the same.
    const info = JSON.parse(await pgbackrest('info', '--output=json')) as {
      archive: { min: string; max: string }[];
    }[];
    const range = info[0]?.archive[0];
    if (!range) throw new Error('pgbackrest info shows no archive');
    const min = parseSegmentName(range.min);
    const max = parseSegmentName(range.max);
    archived = [];
    for (let s = min.segNo; s <= max.segNo; s++)
      archived.push(segmentNameFromSegNo(min.timeline, s));
    expect(archived).toContain(switched);
  });

  afterAll(async () => {
    if (started) {
      await asPostgres(`${PG_BIN}/pg_ctl`, [
        '-D',
        join(dir, 'pgdata'),
        '-m',
        'immediate',
        '-w',
        'stop',
      ]).catch(() => undefined);
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('fetches a segment through archive-get and cleans up its scratch dir', async () => {
    const dest = await mkdtemp(join(tmpdir(), 'rewind-wal-it-dest-'));
    const scratch = await mkdtemp(join(tmpdir(), 'rewind-wal-it-scratch-'));
    await chmod(scratch, 0o755); // pgBackRest runs as postgres and must reach its dir inside
    try {
      const segment = archived[archived.length - 1] as string;
      const got = await fetchArchivedSegment({
        configPath: config(),
        stanza: STANZA,
        repo: 1,
        segment,
        destDir: dest,
        pgbackrestBin: PGBACKREST,
        scratchDir: scratch,
      });
      expect(got).toEqual({ segment, path: join(dest, segment), sizeBytes: 16 * 1024 * 1024 });
      expect(await readdir(scratch)).toEqual([]);

      const missing = await fetchArchivedSegment({
        configPath: config(),
        stanza: STANZA,
        repo: 1,
        segment: nextSegment(nextSegment(segment)),
        destDir: dest,
        pgbackrestBin: PGBACKREST,
        scratchDir: scratch,
      });
      expect(missing).toBeNull();
      expect(await readdir(scratch)).toEqual([]);
    } finally {
      await rm(dest, { recursive: true, force: true });
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('finds the mass DELETE with the xid it ran under', async () => {
    const source = pgbackrestSegmentSource({
      configPath: config(),
      stanza: STANZA,
      repo: 1,
      pgbackrestBin: PGBACKREST,
    });
    const events = await findDestructiveEvents({ segments: archived, source, batchSize: 1 });
    const deletes = events.filter((e) => e.kind === 'mass_delete');
    expect(deletes).toEqual([
      expect.objectContaining({
        kind: 'mass_delete',
        xid: deleteXid,
        rowCount: 3000,
        confidence: 'exact',
      }),
    ]);
    const commitTs = await psql(
      `select to_char(pg_xact_commit_timestamp('${deleteXid}'::xid) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    );
    expect(deletes[0]?.committedAt).toBe(commitTs);

    const after = await findDestructiveEvents({
      segments: archived,
      source,
      from: '2999-01-01T00:00:00Z',
    });
    expect(after).toEqual([]);
  });

  it('reports the last commit as the latest restorable point', async () => {
    const source = pgbackrestSegmentSource({
      configPath: config(),
      stanza: STANZA,
      repo: 1,
      pgbackrestBin: PGBACKREST,
    });
    const latest = await latestArchivedCommit({ segments: archived, source });
    const commitTs = await psql(
      `select to_char(pg_xact_commit_timestamp('${lastXid}'::xid) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    );
    expect(latest).toMatchObject({
      xid: lastXid,
      committedAt: commitTs,
      segment: archived[archived.length - 1],
    });
  });
});
