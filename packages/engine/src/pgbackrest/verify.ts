import type { EngineConfig, RepoIndex } from '../engine-config';
import { runPgBackRest } from './run-pgbackrest';

export interface VerifyResult {
  repo: RepoIndex;
  ok: true;
  durationMs: number;
}

/**
 * Checks every backup file and WAL segment in one repo against its checksum. pgBackRest 2.45
 * exits non-zero when it finds a problem, which runPgBackRest turns into an EngineError with the
 * offending lines, so reaching the return means the repo verified clean.
 */
export async function verify(
  config: EngineConfig,
  input: { instanceId: string; repo: RepoIndex },
): Promise<VerifyResult> {
  const r = await runPgBackRest(config, {
    instanceId: input.instanceId,
    command: 'verify',
    repo: input.repo,
    timeoutMs: 2 * 60 * 60_000,
  });
  return { repo: input.repo, ok: true, durationMs: r.durationMs };
}

export interface VerifyFindings {
  repo: RepoIndex;
  ok: boolean;
  /** files pgBackRest found invalid (checksum, size, unreadable), as it names them */
  invalidFiles: string[];
  /** pgBackRest's WARN/ERROR lines and its per-archive and per-backup result lines */
  lines: string[];
  durationMs: number;
}

// pgBackRest's own error codes are below 126; anything else (a signal, a timeout) stays a failure
const ANSWERED = Array.from({ length: 125 }, (_, i) => i + 1);
const PROBLEM = /\b(ERROR|WARN):|invalid|missing|checksum|unable/i;
// an archived segment (<segment>-<sha1>) or a backup file path inside the repo
const FILE =
  /\b[0-9A-F]{24}(?:-[0-9a-f]{40})?(?:\.[a-z0-9]+)?\b|\b\d{8}-\d{6}F(?:_\d{8}-\d{6}[DI])?\/[^\s'",]+/g;

/**
 * `pgbackrest verify` of one repo as an answer: what it found, not an exception. Used by the
 * scheduled repository checks, whose result names every invalid file so an alert can.
 */
export async function verifyFindings(
  config: EngineConfig,
  input: { instanceId: string; repo: RepoIndex },
): Promise<VerifyFindings> {
  const r = await runPgBackRest(config, {
    instanceId: input.instanceId,
    command: 'verify',
    repo: input.repo,
    args: ['--log-level-console=detail'],
    timeoutMs: 2 * 60 * 60_000,
    okExitCodes: ANSWERED,
  });
  const all = `${r.stdout}\n${r.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/verify command (begin|end)/.test(l));
  const lines = all.filter((l) => PROBLEM.test(l));
  const invalidFiles = [
    ...new Set(
      lines.filter((l) => /\b(ERROR|WARN):|invalid/i.test(l)).flatMap((l) => l.match(FILE) ?? []),
    ),
  ];
  // pgBackRest reports a bad file in its summary ("status: error") as well as per file
  const bad = all.some((l) => /\b(ERROR|WARN):|status: error/i.test(l)) || invalidFiles.length > 0;
  return {
    repo: input.repo,
    ok: r.exitCode === 0 && !bad,
    invalidFiles,
    // the per-file lines when it found something, else its summary
    lines: (bad ? lines : all).slice(0, 50),
    durationMs: r.durationMs,
  };
}
