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
    root,
    pgdata: path.join(root, 'pgdata'),
    pgbackrestConf: path.join(root, 'pgbackrest.conf'),
    spool: path.join(root, 'spool'),
    log: path.join(root, 'log'),
    lock: path.join(root, 'lock'),
    run: path.join(root, 'run'),
    meta: path.join(root, 'instance.json'),
    postgresLog: path.join(root, 'log', 'postgresql.log'),
  };
}
