import { createHash } from 'node:crypto';
import path from 'node:path';

export interface InstancePaths {
  root: string;
  pgdata: string;
  pgbackrestConf: string;
  spool: string;
  log: string;
  lock: string;
  /** unix socket directory (short, so the socket path stays under the 107-byte limit) */
  run: string;
  /** non-secret facts about the instance (port, database), so status works without the catalog */
  meta: string;
  postgresLog: string;
}

// Stanza names and directory names come from ids; keep them to a safe alphabet so they can be
// embedded in archive_command and file paths without quoting problems.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

export function assertSafeId(kind: string, id: string): void {
  if (!ID_PATTERN.test(id)) {
    throw new Error(`${kind} ${JSON.stringify(id)} must match ${ID_PATTERN.source}`);
  }
}

export function hostDir(dataDir: string, hostId: string): string {
  assertSafeId('host id', hostId);
  return path.join(dataDir, 'hosts', hostId);
}

export function instancePaths(dataDir: string, hostId: string, instanceId: string): InstancePaths {
  assertSafeId('instance id', instanceId);
  const root = path.join(hostDir(dataDir, hostId), 'instances', instanceId);
  return {
    ...{ run: socketDirFor(root) },
    root,
    pgdata: path.join(root, 'pgdata'),
    pgbackrestConf: path.join(root, 'pgbackrest.conf'),
    spool: path.join(root, 'spool'),
    log: path.join(root, 'log'),
    lock: path.join(root, 'lock'),
    meta: path.join(root, 'instance.json'),
    postgresLog: path.join(root, 'log', 'postgresql.log'),
  };
}

/**
 * A unix socket path may hold at most 107 bytes, and the repository (so the data dir) can be
 * cloned anywhere: an instance's socket lives in a short directory keyed by a hash of its
 * data root instead, e.g. /tmp/rewind-s/1a2b3c4d5e6f/.s.PGSQL.55401.
 */
export const SOCKET_ROOT = '/tmp/rewind-s';
export function socketDirFor(instanceRoot: string): string {
  const key = createHash('sha256').update(path.resolve(instanceRoot)).digest('hex').slice(0, 12);
  return path.join(SOCKET_ROOT, key);
}
