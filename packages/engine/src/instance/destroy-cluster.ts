import { readFile, rm, stat } from 'node:fs/promises';
import type { EngineConfig } from '../engine-config';
import { readPostmasterPid, stopCluster } from './cluster';

/** Only ever SIGKILL a postmaster of this data directory, never a process that reused its pid. */
async function isPostmasterOf(pid: number, pgdata: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('postgres') && cmdline.includes(pgdata);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops whatever runs on `pgdata` (fast, then immediate, then SIGKILL of the postmaster) and
 * removes the directory. Used by destroyInstance and by restore compensation, where leaving a
 * process or a directory behind is the one thing we must not do.
 */
export async function destroyCluster(
  config: Pick<EngineConfig, 'pgBinDir'>,
  input: { pgdata: string; label: string },
): Promise<void> {
  const exists = await stat(input.pgdata).then(
    () => true,
    () => false,
  );
  if (exists) {
    const before = await readPostmasterPid(input.pgdata);
    try {
      await stopCluster(config, {
        pgdata: input.pgdata,
        label: input.label,
        mode: 'fast',
        timeoutSeconds: 30,
      });
    } catch {
      try {
        await stopCluster(config, {
          pgdata: input.pgdata,
          label: input.label,
          mode: 'immediate',
          timeoutSeconds: 15,
        });
      } catch {
        // fall through to SIGKILL below
      }
    }
    // pg_ctl returns once postmaster.pid is gone, a moment before the process itself exits
    const pid = (await readPostmasterPid(input.pgdata)) ?? before;
    if (pid) {
      for (let i = 0; i < 100 && alive(pid.pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (alive(pid.pid) && (await isPostmasterOf(pid.pid, input.pgdata))) {
        process.kill(pid.pid, 'SIGKILL');
        for (let i = 0; i < 50 && alive(pid.pid); i++) await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  await rm(input.pgdata, { recursive: true, force: true });
}
