import { spawn } from 'node:child_process';
import { EngineError, redact, tail } from './errors';

export interface RunOptions {
  /** What is being attempted, for error messages: "running pgbackrest backup for stanza X on repo2 (region-b)". */
  context: string;
  timeoutMs?: number;
  /** Written to stdin then closed; how passwords reach psql without showing up in `ps`. */
  input?: string;
  env?: Record<string, string>;
  cwd?: string;
  /** Values that must never appear in thrown messages (passwords, cipher passes, S3 keys). */
  secrets?: readonly string[];
  /** Exit codes to treat as success besides 0 (pg_ctl status answers 3 for "not running"). */
  okExitCodes?: readonly number[];
  /**
   * Aborting kills the command's whole process group (runuser and what it started), so a
   * cancelled restore stops writing at once instead of running to its end.
   */
  signal?: AbortSignal;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const KILL_GRACE_MS = 5_000;

/**
 * initdb, postgres and pgbackrest refuse to run as root and must own their directories, so
 * everything the engine spawns runs as the `postgres` OS user: through `runuser` when we are
 * root (the local stack), directly when the worker itself already runs as postgres.
 */
export function commandLineAsPostgres(
  command: string,
  args: readonly string[],
): { file: string; argv: string[] } {
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  if (uid === 0) return { file: 'runuser', argv: ['-u', 'postgres', '--', command, ...args] };
  return { file: command, argv: [...args] };
}

export function runAsPostgres(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const { file, argv } = commandLineAsPostgres(command, args);
  return runCommand(file, argv, options);
}

/**
 * pgBackRest reads every `PGBACKREST_*` variable as an option (the stack's PGBACKREST_BIN makes it
 * warn and could override the config), and libpq honours `PG*`: children get neither, so the
 * config file and explicit arguments are the only inputs (pure, for tests).
 */
export function childEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || k.startsWith('PGBACKREST_') || /^PG[A-Z]+$/.test(k)) continue;
    out[k] = v;
  }
  return out;
}

export function runCommand(
  file: string,
  argv: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secrets = options.secrets ?? [];
  const started = Date.now();
  // LC_ALL=C: output we parse (pg_controldata, pg_ctl) must not be translated
  const env: Record<string, string> = { ...childEnv(process.env), LC_ALL: 'C', ...options.env };
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: options.cwd ?? '/',
      // the cast: a Next.js program (web type-checks this through @rewind/services) makes NODE_ENV required
      env: env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
      // its own process group only when it may be aborted: the group is what abort kills
      detached: options.signal !== undefined,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let aborted = false;
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    const onAbort = () => {
      aborted = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(
        new EngineError(options.context, `cannot start ${file}: ${err.message}`, { cause: err }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const durationMs = Date.now() - started;
      const exitCode = code ?? -1;
      if (!timedOut && !aborted && (exitCode === 0 || options.okExitCodes?.includes(exitCode))) {
        resolve({ stdout, stderr, exitCode, durationMs });
        return;
      }
      // pgBackRest writes its ERROR lines to stdout, PostgreSQL tools to stderr: show both tails
      const output = redact(tail(stderr) || tail(stdout), secrets);
      const why = aborted
        ? 'aborted (cancelled)'
        : timedOut
          ? `timed out after ${timeoutMs} ms`
          : signal
            ? `killed by ${signal}`
            : `exit code ${exitCode}`;
      reject(
        new EngineError(options.context, output ? `${why}: ${output}` : why, {
          exitCode: code,
          stderrTail: output,
        }),
      );
    });
    child.stdin.on('error', () => {
      // the child may exit before reading stdin; its exit code tells the real story
    });
    child.stdin.end(options.input ?? '');
  });
}
