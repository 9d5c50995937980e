export interface PostgresqlConfInput {
  port: number;
  socketDir: string;
  pgbackrestBin: string;
  pgbackrestConf: string;
  stanza: string;
  archiveTimeoutSeconds: number;
}

export const REWIND_CONF_MARKER = '# --- rewind settings (appended by @rewind/engine) ---';

function quote(value: string): string {
  if (/['\n\\]/.test(value))
    throw new Error(
      `postgresql.conf value ${JSON.stringify(value)} has a quote, backslash or newline`,
    );
  return `'${value}'`;
}

/**
 * Names no host path: PostgreSQL 15 lets every role `SHOW archive_command` (it is not
 * superuser-only, unlike data_directory or config_file), and the tenant's role must not learn
 * the host's layout from it. `startCluster` gives the server `pgbackrest` on its PATH and the
 * instance's config as PGBACKREST_CONFIG, which archive-push reads.
 */
export function archiveCommand(input: Pick<PostgresqlConfInput, 'stanza'>): string {
  if (!/^[\w.-]+$/.test(input.stanza))
    throw new Error(`unexpected characters in stanza ${JSON.stringify(input.stanza)}`);
  return `pgbackrest --stanza=${input.stanza} archive-push %p`;
}

/** Settings appended to the postgresql.conf that initdb wrote; later lines win in PostgreSQL. */
export function renderPostgresqlConf(input: PostgresqlConfInput): string {
  if (!Number.isInteger(input.archiveTimeoutSeconds) || input.archiveTimeoutSeconds < 1) {
    throw new Error(`archive_timeout must be ≥ 1 second, got ${input.archiveTimeoutSeconds}`);
  }
  return [
    '',
    REWIND_CONF_MARKER,
    `listen_addresses = '127.0.0.1'`,
    `port = ${input.port}`,
    `unix_socket_directories = ${quote(input.socketDir)}`,
    `password_encryption = 'scram-sha-256'`,
    `wal_level = replica`,
    `archive_mode = on`,
    `archive_command = ${quote(archiveCommand(input))}`,
    // bounds how much committed work can be missing from archived WAL, i.e. the window's lag
    `archive_timeout = ${input.archiveTimeoutSeconds}`,
    // lets integrity checks and window math map xids to exact commit times
    `track_commit_timestamp = on`,
    // many small instances share one host
    `max_connections = 50`,
    `shared_buffers = '32MB'`,
    `logging_collector = off`,
    `log_line_prefix = '%m [%p] %q%u@%d '`,
    '',
  ].join('\n');
}

const PGBACKREST_ARCHIVE_LINE = /^\s*archive_command\s*=\s*'[^'\n]*archive-push %p'\s*$/;

/**
 * An instance configured before `archiveCommand` named no host path (its postgresql.conf or, after
 * a replace restore, postgresql.auto.conf carry `/usr/bin/pgbackrest --config=/…`) gets the current
 * command; an empty one (a restored copy does not archive) is left alone. Pure; null: no change.
 */
export function upgradeArchiveCommand(conf: string, stanza: string): string | null {
  const setting = `archive_command = '${archiveCommand({ stanza })}'`;
  let changed = false;
  const out = conf.split('\n').map((l) => {
    if (!PGBACKREST_ARCHIVE_LINE.test(l) || l.trim() === setting) return l;
    changed = true;
    return setting;
  });
  return changed ? out.join('\n') : null;
}
