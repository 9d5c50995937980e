import type { EngineConfig } from '../engine-config';
import { assertSafeId } from '../paths';
import { runSql, sqlIdentifier, sqlLiteral, type SqlTarget } from './cluster';

export interface ReaderRole {
  role: string;
  password: string;
}

/**
 * Makes the instance's read-only role exist with this password: a LOGIN role that is a member of
 * `pg_read_all_data` (SELECT on every table, view and sequence of every database, present and
 * future) and of nothing else, so it can neither write, nor drop, nor read the superuser-only
 * settings that name host paths (no `pg_read_all_settings`), and whose sessions start read-only.
 * Idempotent (creation, an instance made before the role existed, a restored copy whose data
 * predates it, a password that changed): run as `postgres` over the socket.
 */
export async function ensureReaderRole(
  config: Pick<EngineConfig, 'pgBinDir'>,
  target: SqlTarget,
  reader: ReaderRole,
  options: { label: string },
): Promise<void> {
  assertSafeId('role name', reader.role);
  const role = sqlIdentifier(reader.role);
  await runSql(
    config,
    { ...target, database: 'postgres' },
    [
      `SELECT format('CREATE ROLE %I', ${sqlLiteral(reader.role)}) WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${sqlLiteral(reader.role)}) \\gexec`,
      `ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${sqlLiteral(reader.password)};`,
      `ALTER ROLE ${role} SET default_transaction_read_only = on;`,
      `GRANT pg_read_all_data TO ${role};`,
    ].join('\n'),
    {
      context: `making the read-only role ${reader.role} of ${options.label}`,
      secrets: [reader.password],
    },
  );
}
