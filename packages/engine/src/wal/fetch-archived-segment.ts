/**
 * Fetches one archived WAL segment through pgBackRest (`archive-get`), which
 * decrypts and decompresses whatever the repository holds (S3 or posix), so
 * callers never deal with repo cipher or compression.
 */
import { execFile, spawn } from 'node:child_process';
import { chown, copyFile, mkdtemp, rename, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isSegmentName } from './segment-names';
import { resolveRunAsPostgres, runDirectly, type CommandWrapper } from './command-wrapper';

const execFileAsync = promisify(execFile);

export interface FetchArchivedSegmentOptions {
  configPath: string;
  stanza: string;
  /** repository index: 1 = region A, 2 = region B */
  repo: number;
  segment: string;
  /** the segment is written to destDir/<segment> */
  destDir: string;
  /** default "pgbackrest" */
  pgbackrestBin?: string;
  /** true: runuser -u postgres (default when root); false: run as ourselves; or a custom wrapper */
  runAsPostgres?: boolean | CommandWrapper;
  /** default 300 s (S3 latency, large segments) */
  timeoutMs?: number;
  /** parent of the postgres-owned scratch dir; postgres must be able to traverse it. Default os.tmpdir() */
  scratchDir?: string;
}

export interface FetchedSegment {
  segment: string;
  path: string;
  sizeBytes: number;
}

export class ArchiveGetError extends Error {
  override readonly name = 'ArchiveGetError';
}

let postgresIds: Promise<{ uid: number; gid: number }> | null = null;
function lookupPostgresIds(): Promise<{ uid: number; gid: number }> {
  postgresIds ??= (async () => {
    const [u, g] = await Promise.all([
      execFileAsync('id', ['-u', 'postgres']),
      execFileAsync('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
  })();
  postgresIds.catch(() => {
    postgresIds = null;
  });
  return postgresIds;
}

/**
 * pgBackRest reads PGBACKREST_* variables as options that override the config
 * file (and warns about unknown ones); the config file alone must decide which
 * repository we read.
 */
function withoutPgbackrestEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // the cast: a Next.js program (web type-checks this through @rewind/services) makes NODE_ENV required
  return Object.fromEntries(
    Object.entries(env).filter(([k]) => !k.startsWith('PGBACKREST_')),
  ) as NodeJS.ProcessEnv;
}

function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: withoutPgbackrestEnv(process.env),
    });
    let stdout = '';
    let stderr = '';
    child.stdout
      .setEncoding('utf8')
      .on('data', (c: string) => (stdout = (stdout + c).slice(-16384)));
    child.stderr
      .setEncoding('utf8')
      .on('data', (c: string) => (stderr = (stderr + c).slice(-16384)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/**
 * Returns the fetched segment, or null when the repository does not have it
 * (archive-get exit code 1). Any other failure throws with the command's output.
 */
export async function fetchArchivedSegment(
  options: FetchArchivedSegmentOptions,
): Promise<FetchedSegment | null> {
  const { configPath, stanza, repo, segment, destDir } = options;
  const context = `while fetching WAL segment ${segment} from repo${repo} of stanza ${stanza} with pgbackrest archive-get`;
  if (!isSegmentName(segment))
    throw new ArchiveGetError(`${context}: "${segment}" is not a WAL segment name`);
  if (!Number.isInteger(repo) || repo < 1 || repo > 256)
    throw new ArchiveGetError(`${context}: invalid repo ${repo}`);

  const wrap = resolveRunAsPostgres(options.runAsPostgres);
  const bin = options.pgbackrestBin ?? 'pgbackrest';
  const timeoutMs = options.timeoutMs ?? 300_000;

  // pgBackRest runs as postgres and must write the file: give it a scratch dir
  // it owns, in a world-traversable parent (destDir may be private to us).
  const scratch = await mkdtemp(join(options.scratchDir ?? tmpdir(), 'rewind-archive-get-'));
  try {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (isRoot && wrap !== runDirectly) {
      const { uid, gid } = await lookupPostgresIds();
      await chown(scratch, uid, gid);
    }
    const tmpPath = join(scratch, segment);
    const args = [
      `--config=${configPath}`,
      `--stanza=${stanza}`,
      `--repo=${repo}`,
      // Async archive-get would prefetch into the spool dir and leave files behind.
      '--no-archive-async',
      'archive-get',
      segment,
      tmpPath,
    ];
    const cmd = wrap(bin, args);
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(cmd.command, cmd.args, timeoutMs);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new ArchiveGetError(
        `${context}: ${e.code === 'ENOENT' ? `${cmd.command} not found` : e.message}`,
        { cause: err },
      );
    }
    const output = `${result.stderr}\n${result.stdout}`.trim();
    if (result.timedOut) throw new ArchiveGetError(`${context}: timed out after ${timeoutMs} ms`);
    if (result.code === 1) return null;
    if (result.code !== 0) {
      throw new ArchiveGetError(
        `${context}: exit code ${result.code}${output ? `: ${output}` : ''}`,
      );
    }
    const dest = join(destDir, segment);
    try {
      await rename(tmpPath, dest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await copyFile(tmpPath, dest);
      await unlink(tmpPath);
    }
    const { size } = await stat(dest);
    return { segment, path: dest, sizeBytes: size };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
