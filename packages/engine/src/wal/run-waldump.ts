/**
 * Runs pg_waldump over a contiguous range of segment files in one directory
 * and streams its stdout line by line into parsed records (a 16 MB segment can
 * print hundreds of thousands of lines; nothing is buffered beyond one line).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseLsn } from '@rewind/core';
import { parseWaldumpLine, type WalRecord } from './parse-waldump';
import { DEFAULT_WAL_SEGMENT_SIZE, parseSegmentName, segmentStartLsn } from './segment-names';
import type { CommandWrapper } from './command-wrapper';

export const DEFAULT_PG_WALDUMP = '/usr/lib/postgresql/15/bin/pg_waldump';

export interface RunWaldumpOptions {
  /** directory holding the segment files */
  walDir: string;
  startSegment: string;
  /** last segment to read (inclusive); default startSegment */
  endSegment?: string;
  waldumpBin?: string;
  /** only records of these resource managers (pg_waldump -r, repeatable) */
  rmgrs?: readonly string[];
  /** default 120 s */
  timeoutMs?: number;
  signal?: AbortSignal;
  walSegmentSize?: number;
  /** e.g. to run as postgres when the files are not readable by us; default: run directly */
  wrapCommand?: CommandWrapper;
}

export interface RunWaldumpResult {
  records: number;
  /** LSN of the last record read, or null */
  lastLsn: string | null;
  /**
   * pg_waldump stopped at an invalid/incomplete record inside the last segment
   * of the range: the normal end of readable WAL (an unfinished segment, or a
   * record continuing into a segment we did not pass). Records before it are good.
   */
  endedAtInvalidRecord: boolean;
  /** pg_waldump's message when endedAtInvalidRecord */
  endMessage?: string;
}

export class WaldumpError extends Error {
  override readonly name = 'WaldumpError';
}

/**
 * Messages that mean "no valid record here": PostgreSQL's own recovery treats
 * them as the end of WAL, so we do too — but only inside the last segment, where
 * the WAL really can end. Anywhere earlier they would hide the rest of the range.
 */
const END_OF_WAL_PATTERNS = [
  /invalid record length at/,
  /could not find a valid record after/,
  /record with incorrect prev-link/,
  /invalid magic number 0000 in (WAL|log) segment/,
  /contrecord is requested by/,
  /there is no contrecord flag at/,
  /invalid resource manager ID/,
  /record length \d+ at [0-9A-F/]+ too long/,
];

const LSN_IN_MESSAGE = /([0-9A-F]+\/[0-9A-F]+)(?!.*[0-9A-F]+\/[0-9A-F]+)/;

function rangeLabel(start: string, end: string): string {
  return start === end ? start : `${start}..${end}`;
}

/**
 * Streams the records of [startSegment, endSegment] to `onRecord`. Commit times
 * are printed in UTC (TZ=UTC) so the parser can read them.
 */
export async function runWaldump(
  options: RunWaldumpOptions,
  onRecord: (record: WalRecord) => void,
): Promise<RunWaldumpResult> {
  const segSize = options.walSegmentSize ?? DEFAULT_WAL_SEGMENT_SIZE;
  const endSegment = options.endSegment ?? options.startSegment;
  const label = rangeLabel(options.startSegment, endSegment);
  const context = `while reading WAL segment ${label} with pg_waldump`;
  const start = parseSegmentName(options.startSegment, segSize);
  const end = parseSegmentName(endSegment, segSize);
  if (start.timeline !== end.timeline || end.segNo < start.segNo) {
    throw new WaldumpError(
      `${context}: ${endSegment} does not follow ${options.startSegment} on the same timeline`,
    );
  }

  const bin = options.waldumpBin ?? DEFAULT_PG_WALDUMP;
  const args = ['--path', options.walDir];
  for (const r of options.rmgrs ?? []) args.push(`--rmgr=${r}`);
  args.push(options.startSegment, endSegment);
  const wrapped = options.wrapCommand ? options.wrapCommand(bin, args) : { command: bin, args };
  const timeoutMs = options.timeoutMs ?? 120_000;

  const child = spawn(wrapped.command, wrapped.args, {
    env: { ...process.env, TZ: 'UTC', LC_ALL: 'C', LANG: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so a kill also reaches pg_waldump behind a wrapper (runuser).
    detached: true,
  });
  // Nothing awaits between here and the `for await` below, so no line is emitted before it listens.
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  const kill = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    // Destroying stdout would not end readline's iterator (it waits for 'end'); closing it does.
    lines.close();
  };

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    // Keep the tail only: the last message is the one that explains the exit.
    stderr = (stderr + chunk).slice(-8192);
  });

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  const onAbort = () => kill();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  // A spawn failure can reject before we await `exit`; the catch below reports it.
  exit.catch(() => undefined);

  let records = 0;
  let lastLsn: string | null = null;
  let callbackError: unknown = null;
  try {
    for await (const line of lines) {
      const record = parseWaldumpLine(line);
      if (!record) continue;
      try {
        onRecord(record);
      } catch (err) {
        callbackError = err;
        kill();
        break;
      }
      records++;
      lastLsn = record.lsn;
    }
    const { code, signal } = await exit;
    if (callbackError) {
      const msg = callbackError instanceof Error ? callbackError.message : String(callbackError);
      throw new WaldumpError(`${context}: ${msg} (after ${records} records)`, {
        cause: callbackError,
      });
    }
    if (timedOut)
      throw new WaldumpError(
        `${context}: timed out after ${timeoutMs} ms (${records} records read)`,
      );
    if (options.signal?.aborted) throw new WaldumpError(`${context}: aborted`);
    const message = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
    if (code === 0) return { records, lastLsn, endedAtInvalidRecord: false };
    if (code !== null && END_OF_WAL_PATTERNS.some((p) => p.test(message))) {
      const at = LSN_IN_MESSAGE.exec(message)?.[1];
      const lastSegmentStart = parseLsn(segmentStartLsn(endSegment, segSize)).value;
      if (at !== undefined && parseLsn(at).value >= lastSegmentStart) {
        return { records, lastLsn, endedAtInvalidRecord: true, endMessage: message };
      }
      throw new WaldumpError(
        `${context}: WAL ends early at ${at ?? 'an unknown LSN'}, before the last segment ${endSegment} (${records} records read): ${message}`,
      );
    }
    throw new WaldumpError(
      `${context}: ${bin} exited with ${code !== null ? `code ${code}` : `signal ${signal}`}${message ? `: ${message}` : ''}`,
    );
  } catch (err) {
    if (err instanceof WaldumpError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new WaldumpError(
      `${context}: ${e.code === 'ENOENT' ? `${wrapped.command} not found` : e.message}`,
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null && child.signalCode === null) kill();
  }
}
