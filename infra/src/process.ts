import { spawn, execFile, type SpawnOptions } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  writeFileSync,
  rmSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePid(pidFile: string, pid: number): void {
  mkdirSync(dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${pid}\n`);
}

export function removePid(pidFile: string): void {
  rmSync(pidFile, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means it exists but belongs to someone else: still alive
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Pids get reused; only trust a pid file if the process still runs the program we started. */
export function isOurProcess(pid: number, marker: string): boolean {
  if (!isAlive(pid) || isZombie(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface StartOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  pidFile: string;
}

/**
 * Starts a long-running service in its own process group (detached) so `down` can kill
 * the whole group and leave no orphan, and so it outlives this CLI.
 */
export function startDetached(opts: StartOptions): number {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const log = openSync(opts.logFile, 'a');
  try {
    const spawnOpts: SpawnOptions = {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ['ignore', log, log],
    };
    const child = spawn(opts.command, opts.args, spawnOpts);
    if (child.pid === undefined) throw new Error(`could not spawn ${opts.command}`);
    child.unref();
    writePid(opts.pidFile, child.pid);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** SIGTERM the process group, wait, then SIGKILL what is left. */
export async function stopGroup(
  pgid: number,
  timeoutMs = 15_000,
): Promise<'stopped' | 'killed' | 'not-running'> {
  if (!groupAlive(pgid)) return 'not-running';
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // already gone between the check and the kill
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return 'stopped';
    await sleep(200);
  }
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // gone
  }
  for (let i = 0; i < 25 && groupAlive(pgid); i++) await sleep(200);
  return 'killed';
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  opts: { alive?: () => boolean; logFile?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (opts.alive && !opts.alive()) {
      throw new Error(
        `${what}: the process exited before it became ready${opts.logFile ? `; see ${opts.logFile}\n${tail(opts.logFile)}` : ''}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not ready after ${Math.round(timeoutMs / 1000)} s${opts.logFile ? `; see ${opts.logFile}\n${tail(opts.logFile)}` : ''}`,
      );
    }
    await sleep(250);
  }
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a short command; failures carry its stderr so the wrapped error says what went wrong. */
export async function run(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  if (opts.input !== undefined) return runWithInput(command, args, opts);
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      env: opts.env,
      cwd: opts.cwd,
      timeout: opts.timeoutMs ?? 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (err) {
    const e = err as Error & { stderr?: string; stdout?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed: ${(e.stderr || e.stdout || e.message).trim()}`,
    );
  }
}

function runWithInput(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      env: opts.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${command} failed to start: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise({ stdout, stderr });
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${code}: ${(stderr || stdout).trim()}`,
          ),
        );
    });
    child.stdin?.end(opts.input);
  });
}

/** initdb/postgres refuse root: when we are root, run PostgreSQL tools as the postgres user. */
export function asPostgres(command: string, args: string[]): { command: string; args: string[] } {
  if (process.getuid?.() === 0)
    return { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] };
  return { command, args };
}
