import { describe, expect, it } from 'vitest';
import { redact, tail } from './errors';
import { parsePasswd, pathsFrom } from './fs-owner';
import { parsePostmasterPid } from './instance/cluster';
import {
  archiveCommand,
  renderPostgresqlConf,
  upgradeArchiveCommand,
} from './instance/render-postgresql-conf';
import { instancePaths } from './paths';
import { parseVersion } from './probe-binaries';
import { childEnv, commandLineAsPostgres } from './run-as-postgres';

describe('errors', () => {
  it('redacts secrets and keeps the tail', () => {
    expect(redact('key=SECRET123 ok', ['SECRET123', 'ab'])).toBe('key=*** ok');
    expect(tail('a\n\nb\nc\nd', 2)).toBe('c\nd');
  });
});

describe('run-as-postgres', () => {
  it('scrubs PGBACKREST_* and libpq variables from child environments', () => {
    expect(
      childEnv({
        PATH: '/bin',
        PGBACKREST_BIN: 'x',
        PGPASSWORD: 'p',
        PGHOST: 'h',
        PG_BIN_DIR: 'keep',
      }),
    ).toEqual({
      PATH: '/bin',
      PG_BIN_DIR: 'keep',
    });
  });
  it('uses runuser only when root', () => {
    const cl = commandLineAsPostgres('/usr/bin/pgbackrest', ['info']);
    if (process.getuid?.() === 0)
      expect(cl).toEqual({
        file: 'runuser',
        argv: ['-u', 'postgres', '--', '/usr/bin/pgbackrest', 'info'],
      });
    else expect(cl).toEqual({ file: '/usr/bin/pgbackrest', argv: ['info'] });
  });
});

describe('postgresql.conf', () => {
  const conf = renderPostgresqlConf({
    port: 55401,
    socketDir: '/d/run',
    pgbackrestBin: '/usr/bin/pgbackrest',
    pgbackrestConf: '/d/pgbackrest.conf',
    stanza: 'inst-1',
    archiveTimeoutSeconds: 60,
  });
  it('archives through the instance config and tracks commit timestamps', () => {
    // no host path: every role can SHOW archive_command (it is not superuser-only in PostgreSQL
    // 15); the server finds pgbackrest and the instance's config in its environment (startCluster)
    expect(conf).toContain("archive_command = 'pgbackrest --stanza=inst-1 archive-push %p'");
    expect(archiveCommand({ stanza: 'inst-1' })).not.toMatch(/\//);
    for (const l of [
      'archive_mode = on',
      'wal_level = replica',
      'track_commit_timestamp = on',
      'archive_timeout = 60',
      'port = 55401',
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = '/d/run'",
    ]) {
      expect(conf).toContain(l);
    }
  });
  it('refuses quotes in paths', () => {
    expect(() =>
      renderPostgresqlConf({
        port: 1,
        socketDir: "/d/it's",
        pgbackrestBin: 'x',
        pgbackrestConf: 'y',
        stanza: 's',
        archiveTimeoutSeconds: 60,
      }),
    ).toThrow(/quote/);
  });
});

describe('small parsers', () => {
  it('parses /etc/passwd', () => {
    expect(
      parsePasswd(
        'root:x:0:0::/root:/bin/bash\npostgres:x:101:104::/var/lib/postgresql:/bin/bash\n',
        'postgres',
      ),
    ).toEqual({ uid: 101, gid: 104 });
    expect(parsePasswd('root:x:0:0::/root:/bin/bash', 'postgres')).toBeUndefined();
  });
  it('lists directories mkdir -p created', () => {
    expect(pathsFrom('/a/b', '/a/b/c/d')).toEqual(['/a/b', '/a/b/c', '/a/b/c/d']);
    expect(pathsFrom('/a/b', '/a/b')).toEqual(['/a/b']);
  });
  it('parses postmaster.pid', () => {
    expect(parsePostmasterPid('1234\n/d/pgdata\n1795318411\n55401\n/d/run\n127.0.0.1\n')).toEqual({
      pid: 1234,
      port: 55401,
      socketDir: '/d/run',
    });
    expect(parsePostmasterPid('')).toBeUndefined();
  });
  it('parses versions', () => {
    expect(parseVersion('postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)')).toBe('15.20');
    expect(parseVersion('pgBackRest 2.45')).toBe('2.45');
  });
  it('lays out instance directories and rejects unsafe ids', () => {
    expect(instancePaths('/data', 'host-1', 'i1').pgdata).toBe(
      '/data/hosts/host-1/instances/i1/pgdata',
    );
    expect(() => instancePaths('/data', 'host-1', '../x')).toThrow();
  });
});

describe('upgradeArchiveCommand', () => {
  it('rewrites an archive_command that names host paths, and nothing else', () => {
    const old =
      "port = 1\narchive_command = '/usr/bin/pgbackrest --config=/d/h/instances/inst-1/pgbackrest.conf --stanza=inst-1 archive-push %p'\narchive_timeout = 60\n";
    expect(upgradeArchiveCommand(old, 'inst-1')).toBe(
      "port = 1\narchive_command = 'pgbackrest --stanza=inst-1 archive-push %p'\narchive_timeout = 60\n",
    );
    expect(upgradeArchiveCommand(upgradeArchiveCommand(old, 'inst-1')!, 'inst-1')).toBeNull();
    expect(upgradeArchiveCommand("archive_command = ''\n", 'inst-1')).toBeNull();
  });
});
