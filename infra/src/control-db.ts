import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUser } from './data-home';
import { PG_BIN_DIR, REPO_ROOT, TSX_BIN } from './paths';
import { asPostgres, isOurProcess, removePid, run, waitFor, writePid } from './process';
import type { ServiceContext, ServiceDef } from './service';

const pg = (tool: string) => join(PG_BIN_DIR, tool);

/** Files the postmaster writes (data dir, its log) must belong to postgres when we run as root. */
function giveToPostgres(path: string): void {
  const owner = postgresUser();
  if (owner) chownSync(path, owner.uid, owner.gid);
}

function postmasterPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function initdb(ctx: ServiceContext): Promise<void> {
  const dir = ctx.paths.controlPgDir;
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  giveToPostgres(dir);
  // the superuser password reaches initdb through a file only postgres can read, never argv
  const pwDir = mkdtempSync(join(tmpdir(), 'rewind-initdb-'));
  const pwFile = join(pwDir, 'pw');
  try {
    writeFileSync(pwFile, ctx.secrets.controlPgSuperuserPassword + '\n', { mode: 0o600 });
    giveToPostgres(pwDir);
    giveToPostgres(pwFile);
    const cmd = asPostgres(pg('initdb'), [
      '-D',
      dir,
      '--data-checksums',
      '-A',
      'scram-sha-256',
      '-U',
      'postgres',
      `--pwfile=${pwFile}`,
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    await run(cmd.command, cmd.args, { timeoutMs: 180_000 });
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
  appendFileSync(
    join(dir, 'postgresql.conf'),
    "\n# per-profile settings written by infra on every start\ninclude_if_exists = 'rewind.conf'\n",
  );
  ctx.log(`control-pg: initialised ${dir} (data checksums on, scram-sha-256 everywhere)`);
}

function writeRuntimeConf(ctx: ServiceContext): void {
  const dir = ctx.paths.controlPgDir;
  const file = join(dir, 'rewind.conf');
  writeFileSync(
    file,
    [
      "listen_addresses = '127.0.0.1'",
      `port = ${ctx.ports.controlPg}`,
      // socket inside the data dir: no clash with the Debian default cluster in /var/run/postgresql
      `unix_socket_directories = '${dir}'`,
      "password_encryption = 'scram-sha-256'",
      'max_connections = 200',
      "log_line_prefix = '%m [%p] %q%u@%d '",
      '',
    ].join('\n'),
  );
  giveToPostgres(file);
}

function superuserEnv(ctx: ServiceContext): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGPASSWORD: ctx.secrets.controlPgSuperuserPassword,
    PGHOST: '127.0.0.1',
    PGPORT: String(ctx.ports.controlPg),
    PGUSER: 'postgres',
    PGCONNECT_TIMEOUT: '5',
  };
}

async function psql(ctx: ServiceContext, database: string, sql: string): Promise<string> {
  const { stdout } = await run(
    pg('psql'),
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', database, '-At'],
    { env: superuserEnv(ctx), input: sql },
  );
  return stdout;
}

const sqlLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Roles and database; re-run on every `up` so passwords always match secrets.json. */
async function bootstrap(ctx: ServiceContext): Promise<void> {
  const s = ctx.secrets;
  const role = (name: string, password: string, attrs: string) => `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${name}') THEN
    CREATE ROLE ${name} LOGIN;
  END IF;
END $$;
ALTER ROLE ${name} WITH LOGIN ${attrs} PASSWORD ${sqlLiteral(password)};`;
  await psql(
    ctx,
    'postgres',
    [
      role(
        'rewind_owner',
        s.rewindOwnerPassword,
        // the test stack's integration tests prove migrations and RLS on scratch databases
        // they create and drop, so the shared `rewind` database is never disturbed
        `NOSUPERUSER NOCREATEROLE ${ctx.stackEnv.REWIND_PROFILE === 'test' ? 'CREATEDB' : 'NOCREATEDB'} NOBYPASSRLS NOREPLICATION`,
      ),
      role(
        'rewind_app',
        s.rewindAppPassword,
        'NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION',
      ),
      role(
        'rewind_platform',
        s.rewindPlatformPassword,
        'NOSUPERUSER NOCREATEROLE NOCREATEDB BYPASSRLS NOREPLICATION',
      ),
      "SELECT 'CREATE DATABASE rewind OWNER rewind_owner' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'rewind')\\gexec",
      'ALTER DATABASE rewind OWNER TO rewind_owner;',
      'REVOKE ALL ON DATABASE rewind FROM PUBLIC;',
      'GRANT CONNECT, TEMPORARY ON DATABASE rewind TO rewind_owner, rewind_app, rewind_platform;',
      '',
    ].join('\n'),
  );
  // in PG 15 public is owned by pg_database_owner (= rewind_owner) and PUBLIC cannot CREATE in it
  await psql(
    ctx,
    'rewind',
    [
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC;',
      'GRANT USAGE ON SCHEMA public TO rewind_app, rewind_platform;',
      '',
    ].join('\n'),
  );
}

async function migrate(ctx: ServiceContext): Promise<void> {
  const script = join(REPO_ROOT, 'packages', 'db', 'src', 'bin', 'migrate.ts');
  if (!existsSync(script)) {
    ctx.log(`control-pg: WARNING ${script} does not exist yet; migrations skipped`);
    return;
  }
  try {
    const { stdout, stderr } = await run(TSX_BIN, [script], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...ctx.stackEnv },
      timeoutMs: 300_000,
    });
    const out = (stdout + stderr).trim();
    ctx.log(
      `control-pg: migrations applied${
        out
          ? `\n${out
              .split('\n')
              .map((l) => `    ${l}`)
              .join('\n')}`
          : ''
      }`,
    );
  } catch (err) {
    throw new Error(
      `while running database migrations (packages/db/src/bin/migrate.ts): ${(err as Error).message}`,
    );
  }
}

async function isReady(ctx: ServiceContext): Promise<boolean> {
  try {
    await run(pg('pg_isready'), [
      '-q',
      '-h',
      '127.0.0.1',
      '-p',
      String(ctx.ports.controlPg),
      '-t',
      '2',
    ]);
    return true;
  } catch {
    return false;
  }
}

export const controlPg: ServiceDef = {
  name: 'control-pg',
  ports: (ctx) => [ctx.ports.controlPg],
  runningPid(ctx) {
    const pid = postmasterPid(ctx.paths.controlPgDir);
    return pid !== undefined && isOurProcess(pid, 'postgres') ? pid : undefined;
  },
  async start(ctx) {
    await initdb(ctx);
    writeRuntimeConf(ctx);
    const log = ctx.paths.logFile('control-pg');
    mkdirSync(ctx.paths.logsDir, { recursive: true });
    if (!existsSync(log)) writeFileSync(log, '');
    giveToPostgres(log);
    const cmd = asPostgres(pg('pg_ctl'), [
      'start',
      '-D',
      ctx.paths.controlPgDir,
      '-l',
      log,
      '-w',
      '-t',
      '90',
      '-s',
    ]);
    await run(cmd.command, cmd.args, { timeoutMs: 120_000 });
    const pid = postmasterPid(ctx.paths.controlPgDir);
    if (pid !== undefined) writePid(ctx.paths.pidFile('control-pg'), pid);
  },
  async waitReady(ctx) {
    await waitFor('control-pg (pg_isready)', () => isReady(ctx), 60_000, {
      logFile: ctx.paths.logFile('control-pg'),
    });
  },
  async afterReady(ctx) {
    await bootstrap(ctx);
    await migrate(ctx);
  },
  healthy: isReady,
  async stop(ctx) {
    const pid = controlPg.runningPid(ctx);
    if (pid === undefined) {
      removePid(ctx.paths.pidFile('control-pg'));
      return 'not-running';
    }
    const cmd = asPostgres(pg('pg_ctl'), [
      'stop',
      '-D',
      ctx.paths.controlPgDir,
      '-m',
      'fast',
      '-w',
      '-t',
      '60',
      '-s',
    ]);
    try {
      await run(cmd.command, cmd.args, { timeoutMs: 90_000 });
    } catch (err) {
      // fast shutdown hung: SIGQUIT is PostgreSQL's immediate shutdown
      ctx.log(`control-pg: pg_ctl stop failed (${(err as Error).message}); sending SIGQUIT`);
      process.kill(pid, 'SIGQUIT');
    }
    removePid(ctx.paths.pidFile('control-pg'));
    return 'stopped';
  },
};
