import { randomBytes } from 'node:crypto';
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { regionsFromEnv, type StackEnv } from '@rewind/core';
import { runAsPostgres, sqlLiteral, type RunResult } from '@rewind/engine';
import { createRegionClient, deletePrefix } from '@rewind/storage';
import { run } from './bench-kit';

/**
 * barman-cloud (barman-cli-cloud) against region A's bucket, under a prefix of its own
 * (`barman-bench-<random>/`), uncompressed and unencrypted (the tools' defaults). Every call goes
 * through one wrapper script owned by postgres (0700) that holds the S3 credentials, so they
 * are on no command line: archive_command, restore_command and the bench all call it.
 */
export interface BarmanRepo {
  /** the wrapper: `<script> <tool> [args]` runs /usr/bin/barman-cloud-<tool> on our bucket and server name */
  script: string;
  url: string;
  run(tool: 'backup' | 'restore', args: string[], context: string): Promise<RunResult>;
  /** deletes every object under the prefix; returns how many */
  removeObjects(): Promise<number>;
}

const shellQuote = (v: string) => {
  if (/['\n]/.test(v))
    throw new Error(`cannot single-quote ${JSON.stringify(v)} for the barman wrapper`);
  return `'${v}'`;
};

/** `dir` must exist and belong to postgres. */
export async function barmanRepo(env: StackEnv, dir: string): Promise<BarmanRepo> {
  const region = regionsFromEnv(env).a;
  const prefix = `barman-bench-${randomBytes(4).toString('hex')}`;
  const url = `s3://${region.bucket}/${prefix}`;
  const script = path.join(dir, 'barman-cloud.sh');
  await writeFile(
    script,
    [
      '#!/bin/sh',
      '# restore bench (bench/src/barman.ts): barman-cloud on the bench prefix; deleted with the scratch dir',
      `export AWS_ACCESS_KEY_ID=${shellQuote(region.accessKeyId)}`,
      `export AWS_SECRET_ACCESS_KEY=${shellQuote(region.secretAccessKey)}`,
      `export AWS_CA_BUNDLE=${shellQuote(env.S3_CA_FILE)}`,
      "export AWS_DEFAULT_REGION='us-east-1'",
      'tool=$1; shift',
      // argparse takes options after positionals too: `wal-archive %p`, `backup -h … -p …`
      `exec /usr/bin/barman-cloud-"$tool" --endpoint-url ${shellQuote(region.endpoint)} ${shellQuote(url)} bench "$@"`,
      '',
    ].join('\n'),
    { mode: 0o700 },
  );
  await run('chown', ['postgres:postgres', script]);
  return {
    script,
    url,
    run: (tool, args, context) =>
      runAsPostgres(script, [tool, ...args], { context, timeoutMs: 3_600_000 }),
    removeObjects: () => deletePrefix(createRegionClient(region, env.S3_CA_FILE), `${prefix}/`),
  };
}

type Sql = (text: string) => Promise<string>;

/**
 * archive_command becomes "<current command> && <wrapper> wal-archive %p": pgBackRest keeps
 * archiving as before and a segment only counts as archived once barman has it too. Waits
 * until a fresh session sees the new value; returns the previous command.
 */
export async function alsoArchiveToBarman(sql: Sql, repo: BarmanRepo): Promise<string> {
  const current = await sql('SHOW archive_command');
  if (!current.includes('%p'))
    throw new Error(`unexpected archive_command ${JSON.stringify(current)}`);
  const both = `${current} && ${repo.script} wal-archive %p`;
  await sql(`ALTER SYSTEM SET archive_command = ${sqlLiteral(both)}`);
  await sql('SELECT pg_reload_conf()');
  for (let i = 0; (await sql('SHOW archive_command')) !== both; i++) {
    if (i > 100) throw new Error('archive_command did not change after pg_reload_conf()');
    await new Promise((r) => setTimeout(r, 100));
  }
  return current;
}

/**
 * Switches to a new WAL segment and waits until the archiver has archived the one just
 * completed (with the combined command: pgBackRest and barman both have everything before it).
 */
export async function waitArchived(sql: Sql, what: string, timeoutMs = 1_800_000): Promise<void> {
  const failedBefore = Number(await sql('SELECT failed_count FROM pg_stat_archiver'));
  const segment = await sql('SELECT pg_walfile_name(pg_switch_wal())');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [last = '', failed = '0', lastFailed = ''] = (
      await sql(
        "SELECT coalesce(last_archived_wal, ''), failed_count, coalesce(last_failed_wal, '') FROM pg_stat_archiver",
      )
    ).split('|');
    if (last >= segment) return;
    const failures = Number(failed) - failedBefore;
    if (failures >= 3 || Date.now() > deadline)
      throw new Error(
        `${what}: ${segment} not archived (last archived ${last || 'none'}, ${failures} failures, last failed ${lastFailed || 'none'}); see the instance's postgresql.log`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Recovery settings for a barman-cloud-restore'd data dir: WAL from barman (the wrapper), stop
 * at `targetTime` and promote, no archiving (the restored postgresql.auto.conf still holds the
 * source's combined archive_command).
 */
export async function writeBarmanRecovery(
  pgdata: string,
  repo: BarmanRepo,
  targetTime: string,
): Promise<void> {
  await appendFile(
    path.join(pgdata, 'postgresql.auto.conf'),
    [
      '# restore bench: barman recovery',
      `restore_command = ${sqlLiteral(`${repo.script} wal-restore %f %p`)}`,
      `recovery_target_time = ${sqlLiteral(targetTime)}`,
      "recovery_target_action = 'promote'",
      "archive_mode = 'off'",
      '',
    ].join('\n'),
  );
  await writeFile(path.join(pgdata, 'recovery.signal'), '');
  await run('chown', ['postgres:postgres', path.join(pgdata, 'recovery.signal')]);
}
