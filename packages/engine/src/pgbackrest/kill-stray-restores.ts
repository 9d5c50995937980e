import { readdir, readFile } from 'node:fs/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A worker killed mid-restore leaves its `pgbackrest restore` running (children outlive a
 * SIGKILLed parent); the retry on another worker would then restore into a directory that
 * process is still writing. Kills every process whose command line restores into `targetDir`
 * (the clone's own directory, so never anyone else's work) and waits until they are gone.
 * Returns the pids killed.
 */
export async function killStrayRestores(targetDir: string): Promise<number[]> {
  const needle = `--pg1-path=${targetDir}`;
  const killed: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (!argv.includes(needle) || !argv.includes('restore')) continue;
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  for (let i = 0; i < 50 && killed.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  return killed;
}
