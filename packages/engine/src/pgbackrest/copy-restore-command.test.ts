import { describe, expect, it } from 'vitest';
import { copyRestoreCommand } from './restore';

const config = { dataDir: '/data', hostId: 'host-1', pgbackrestBin: '/usr/bin/pgbackrest' };

describe('copyRestoreCommand', () => {
  it("reads the source's stanza from one repo through the copy's own spool, lock and log dirs", () => {
    const cmd = copyRestoreCommand(config, {
      pgdata: '/data/hosts/host-1/instances/c1/pgdata',
      stanza: 'src',
      repo: 2,
      copyDir: '/data/hosts/host-1/instances/c1',
    });
    expect(cmd).toBe(
      [
        '/usr/bin/pgbackrest --config=/data/hosts/host-1/instances/src/pgbackrest.conf --stanza=src --repo=2',
        '--pg1-path=/data/hosts/host-1/instances/c1/pgdata',
        '--spool-path=/data/hosts/host-1/instances/c1/spool --lock-path=/data/hosts/host-1/instances/c1/lock',
        '--log-path=/data/hosts/host-1/instances/c1/log archive-get %f "%p"',
      ].join(' '),
    );
  });

  it('refuses a path a shell or the conf quoting would read differently', () => {
    expect(() =>
      copyRestoreCommand(config, { pgdata: "/x/it's", stanza: 'src', repo: 1, copyDir: '/x' }),
    ).toThrow(/unexpected characters/);
  });

  it("names a recovered repository's path when the copy restores from one", () => {
    const cmd = copyRestoreCommand(config, {
      pgdata: '/x/pgdata',
      stanza: 'src',
      repo: 1,
      copyDir: '/x',
      repoPath: '/recovered/r1',
    });
    expect(cmd).toContain('--repo=1 --repo1-path=/recovered/r1 --pg1-path=/x/pgdata');
  });
});
