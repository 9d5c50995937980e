import { readdir, rm } from 'node:fs/promises';
import { pgBin, runAsPostgres, serverEnv, type Engine } from '@rewind/engine';

/**
 * An instance's server under libfaketime: its clock (and so its commit timestamps and
 * pgBackRest's backup times, which come from the server) is off by `offset`; pgbackrest itself,
 * the server's child for archive-push, keeps the real clock, which TLS and S3 signing need.
 */
export const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/**
 * libfaketime syncs parent and children through /dev/shm/faketime_shm_<pid> and
 * sem.faketime_sem_<pid>, removed only when the creating process exits normally: exec chains
 * (runuser → pg_ctl → sh → postgres, archive_command → pgbackrest) leave them behind, and a stale
 * pair breaks a later faked process that gets the same pid. Ours go once the server runs on the
 * real clock again; a pair whose process still lives is left alone.
 */
const SHM_DIR = '/dev/shm';
const FAKETIME_SHM = /^(?:sem\.)?faketime_(?:sem|shm)_(\d+)$/;

export const faketimeShm = async () =>
  (await readdir(SHM_DIR).catch(() => [] as string[])).filter((f) => FAKETIME_SHM.test(f));

export async function removeStaleFaketimeShm(existedBefore: ReadonlySet<string>) {
  for (const f of await faketimeShm()) {
    if (existedBefore.has(f)) continue;
    const pid = Number(FAKETIME_SHM.exec(f)![1]);
    try {
      process.kill(pid, 0);
      continue; // alive
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') continue;
    }
    await rm(`${SHM_DIR}/${f}`, { force: true });
  }
}

/** Starts the (stopped) instance's server under libfaketime `offset` (e.g. '-3d', '+30s'). */
export async function startUnderFaketime(engine: Engine, stanza: string, offset: string) {
  const paths = engine.paths(stanza);
  await runAsPostgres(
    pgBin(engine.config, 'pg_ctl'),
    ['start', '-D', paths.pgdata, '-l', paths.postgresLog, '-w', '-t', '60'],
    {
      context: `starting instance ${stanza} under libfaketime ${offset}`,
      timeoutMs: 90_000,
      env: {
        // what the engine's own start gives the server: archive_command finds pgbackrest and
        // the instance's config through it (the setting itself names no host path)
        ...serverEnv(engine.config, paths.pgdata),
        LD_PRELOAD: FAKETIME_LIB,
        FAKETIME: offset,
        // the server, and pg_ctl (it waits for a postmaster.pid no older than its own start); not
        // pgbackrest archive-push, the server's child, which needs the real clock for TLS and S3
        FAKETIME_ONLY_CMDS: 'postgres,pg_ctl',
        // monotonic minus days would go below zero on a freshly booted machine
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      },
    },
  );
}
