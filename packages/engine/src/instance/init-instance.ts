import { appendFile, rm, stat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { EngineConfig } from '../engine-config';
import { configSecrets } from '../engine-config';
import { mkdirForPostgres, writeFileForPostgres } from '../fs-owner';
import { hostDir, instancePaths, assertSafeId } from '../paths';
import { runAsPostgres } from '../run-as-postgres';
import { pgBin, runSql, sqlIdentifier, sqlLiteral, startCluster } from './cluster';
import { ensureReaderRole, type ReaderRole } from './ensure-reader-role';
import {
  newInstanceMeta,
  readInstanceMeta,
  writeInstanceMeta,
  type InstanceMeta,
} from './instance-meta';
import { renderPostgresqlConf } from './render-postgresql-conf';
import { wakeCheckpointer } from './wake-checkpointer';
import { writePgBackRestConfig } from './write-pgbackrest-config';

export interface InitInstanceInput {
  instanceId: string;
  port: number;
  /** password of the `postgres` superuser (scram, TCP only; local socket uses peer auth) */
  superuserPassword: string;
  /** the tenant's database and the role that owns it */
  database: string;
  owner: string;
  ownerPassword: string;
  /** the read-only role members get (see ensureReaderRole) */
  reader?: ReaderRole;
  archiveTimeoutSeconds: number;
  /** per-instance pgBackRest repository passphrase */
  cipherPass: string;
  retentionFullDays: number;
}

export interface InitInstanceResult {
  instanceId: string;
  port: number;
  pgdata: string;
  socketDir: string;
  /** false when a previous attempt had already finished (activity retry) */
  created: boolean;
}

/**
 * Creates and starts a new PostgreSQL cluster for a tenant instance. Safe to retry: a finished
 * instance (instance.json written last) is left alone; a half-made one is wiped and redone.
 */
export async function initInstance(
  config: EngineConfig,
  input: InitInstanceInput,
): Promise<InitInstanceResult> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  const label = `instance ${input.instanceId}`;
  const secrets = [
    input.superuserPassword,
    input.ownerPassword,
    ...(input.reader ? [input.reader.password] : []),
    input.cipherPass,
    ...configSecrets(config),
  ];
  assertSafeId('role name', input.owner);
  assertSafeId('database name', input.database);
  const result: InitInstanceResult = {
    instanceId: input.instanceId,
    port: input.port,
    pgdata: paths.pgdata,
    socketDir: paths.run,
    created: true,
  };

  // phase: detect a previous attempt
  const existing = await readInstanceMeta(paths.meta);
  if (existing) {
    if (existing.port !== input.port) {
      throw new Error(`${label} already exists on port ${existing.port}, asked for ${input.port}`);
    }
    await startCluster(config, { pgdata: paths.pgdata, logFile: paths.postgresLog, label });
    await wakeCheckpointer(config, { pgdata: paths.pgdata, label });
    return { ...result, created: false };
  }
  await rm(paths.pgdata, { recursive: true, force: true });

  // phase: directories (parents traversable, instance dirs private to postgres)
  await mkdir(path.join(hostDir(config.dataDir, config.hostId), 'instances'), {
    recursive: true,
    mode: 0o755,
  });
  for (const dir of [paths.root, paths.spool, paths.log, paths.lock, paths.run]) {
    await mkdirForPostgres(dir, 0o700);
  }

  // phase: initdb (password via a short-lived 0600 file: initdb has no other non-interactive way)
  const pwfile = path.join(paths.root, '.pwfile');
  await writeFileForPostgres(pwfile, `${input.superuserPassword}\n`, 0o600);
  try {
    await runAsPostgres(
      pgBin(config, 'initdb'),
      [
        '-D',
        paths.pgdata,
        '--data-checksums',
        '-U',
        'postgres',
        `--pwfile=${pwfile}`,
        '--auth-local=peer',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ],
      { context: `running initdb for ${label}`, secrets, timeoutMs: 180_000 },
    );
  } finally {
    await rm(pwfile, { force: true });
  }

  // phase: configuration
  await appendFile(
    path.join(paths.pgdata, 'postgresql.conf'),
    renderPostgresqlConf({
      port: input.port,
      socketDir: paths.run,
      pgbackrestBin: config.pgbackrestBin,
      pgbackrestConf: paths.pgbackrestConf,
      stanza: input.instanceId,
      archiveTimeoutSeconds: input.archiveTimeoutSeconds,
    }),
  );
  await writePgBackRestConfig(config, input.instanceId, paths, {
    port: input.port,
    cipherPass: input.cipherPass,
    retentionFullDays: input.retentionFullDays,
  });

  // phase: start and create the tenant's role + database
  await startCluster(config, { pgdata: paths.pgdata, logFile: paths.postgresLog, label });
  await wakeCheckpointer(config, { pgdata: paths.pgdata, label });
  const target = { socketDir: paths.run, port: input.port };
  await runSql(
    config,
    target,
    `CREATE ROLE ${sqlIdentifier(input.owner)} LOGIN PASSWORD ${sqlLiteral(input.ownerPassword)};`,
    { context: `creating role ${input.owner} in ${label}`, secrets },
  );
  // CREATE DATABASE cannot run inside the implicit transaction of a multi-statement script
  await runSql(
    config,
    target,
    `CREATE DATABASE ${sqlIdentifier(input.database)} OWNER ${sqlIdentifier(input.owner)};`,
    {
      context: `creating database ${input.database} in ${label}`,
      secrets,
    },
  );

  if (input.reader) await ensureReaderRole(config, target, input.reader, { label });

  // phase: mark done (last, so a crash before this point means "redo")
  const meta: InstanceMeta = newInstanceMeta({
    instanceId: input.instanceId,
    port: input.port,
    database: input.database,
    owner: input.owner,
    archiveTimeoutSeconds: input.archiveTimeoutSeconds,
  });
  await writeInstanceMeta(paths.meta, meta);
  await stat(paths.meta);
  return result;
}
