import { compareLsn } from '../postgres/lsn';
import { formatEpochMicros, toEpochMicros } from '../time/parse-target-time';
import { describeEndOfArchivedWal, type EndOfArchivedWal } from './end-of-archived-wal';
import type { RestoreTargetSpec } from './restore-target';

/**
 * Where PostgreSQL says recovery stopped, read from the restored server's log. Replay is
 * sequential, so "stopped before record R" proves every record before R was applied and nothing
 * from R on: together with the newest applied commit this pins the restore to the target.
 */
export type RecoveryStop =
  | {
      kind: 'before-commit' | 'after-commit' | 'before-abort' | 'after-abort';
      xid: string;
      at: string;
    }
  | { kind: 'before-lsn' | 'after-lsn'; lsn: string }
  | { kind: 'restore-point'; name: string; at: string }
  /** recovery_target = 'immediate': stopped as soon as the backup was consistent */
  | { kind: 'consistent' };

export interface RecoveryLog {
  stop: RecoveryStop | null;
  /** "last completed transaction was at log time …" */
  lastCompletedAt: string | null;
}

/** `2026-11-22 14:05:00.123456+00` / `+05:30` → RFC 3339 UTC µs */
function pgTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/.exec(
    text.trim(),
  );
  if (!m) throw new Error(`unexpected PostgreSQL timestamp ${JSON.stringify(text)}`);
  return formatEpochMicros(toEpochMicros(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`));
}

/** Pure parser of a server log; the last occurrence wins (a log may hold earlier attempts). */
export function parseRecoveryLog(log: string): RecoveryLog {
  let stop: RecoveryStop | null = null;
  let lastCompletedAt: string | null = null;
  for (const line of log.split('\n')) {
    let m = /recovery stopping (before|after) (commit|abort) of transaction (\d+), time (.+)$/.exec(
      line,
    );
    if (m) {
      stop = { kind: `${m[1]}-${m[2]}` as 'before-commit', xid: m[3]!, at: pgTime(m[4]!) };
      continue;
    }
    m = /recovery stopping (before|after) WAL location \(LSN\) "([0-9A-Fa-f]+\/[0-9A-Fa-f]+)"/.exec(
      line,
    );
    if (m) {
      stop = { kind: `${m[1]}-lsn` as 'before-lsn', lsn: m[2]! };
      continue;
    }
    m = /recovery stopping at restore point "(.*)", time (.+)$/.exec(line);
    if (m) {
      stop = { kind: 'restore-point', name: m[1]!, at: pgTime(m[2]!) };
      continue;
    }
    if (/recovery stopping after reaching consistency/.test(line)) {
      stop = { kind: 'consistent' };
      continue;
    }
    m = /last completed transaction was at log time (.+)$/.exec(line);
    if (m) lastCompletedAt = pgTime(m[1]!);
  }
  return { stop, lastCompletedAt };
}

export interface LastCommit {
  xid: string;
  at: string;
}

export interface StopCheck {
  ok: boolean;
  detail: string;
}

function describeStop(s: RecoveryStop): string {
  if ('xid' in s) return `${s.kind.replace('-', ' the ')} of transaction ${s.xid} (${s.at})`;
  if ('lsn' in s) return `${s.kind.replace('-lsn', '')} WAL location ${s.lsn}`;
  if (s.kind === 'consistent') return 'after reaching consistency';
  return `at restore point "${s.name}" (${s.at})`;
}

/**
 * Judges "recovery stopped at the target": no commit after it was applied and the first record
 * past it is where replay stopped. `lastCommit` comes from pg_last_committed_xact() in the
 * restored copy (null when no transaction committed during replay). `endOfArchivedWal`: the plan
 * served a time target as the end of archived WAL (a quiet database), so recovery had an LSN or
 * `immediate` target instead, and the check says so.
 */
export function judgeRecoveryStop(
  target: RestoreTargetSpec,
  log: RecoveryLog,
  lastCommit: LastCommit | null,
  endOfArchivedWal?: EndOfArchivedWal,
): StopCheck {
  const last = lastCommit
    ? `the last applied commit is transaction ${lastCommit.xid} at ${lastCommit.at}`
    : 'no commit was applied during replay';
  const stop = log.stop;
  if (endOfArchivedWal && 'time' in target)
    return judgeEndOfArchivedWal(target, endOfArchivedWal, stop, lastCommit, last);
  if ('latest' in target) {
    return stop === null
      ? { ok: true, detail: `replayed all archived WAL; ${last}` }
      : {
          ok: false,
          detail: `recovery stopped early (${describeStop(stop)}) although no target was set`,
        };
  }
  if (stop === null)
    return { ok: false, detail: `the server log does not say where recovery stopped; ${last}` };
  const where = `recovery stopped ${describeStop(stop)}; ${last}`;

  if ('time' in target) {
    const t = toEpochMicros(target.time);
    const lastOk =
      lastCommit === null ||
      (target.inclusive ? toEpochMicros(lastCommit.at) <= t : toEpochMicros(lastCommit.at) < t);
    const stopOk =
      'at' in stop &&
      stop.kind.startsWith('before') &&
      (target.inclusive ? toEpochMicros(stop.at) > t : toEpochMicros(stop.at) >= t);
    return { ok: lastOk && stopOk, detail: where };
  }
  if ('lsn' in target) {
    // PostgreSQL stops at the first record starting at or past the target LSN and logs that record's start
    const ok =
      'lsn' in stop &&
      compareLsn(stop.lsn, target.lsn) >= 0 &&
      stop.kind === (target.inclusive ? 'after-lsn' : 'before-lsn');
    return { ok, detail: where };
  }
  if ('xid' in target) {
    const stopOk =
      'xid' in stop &&
      stop.xid === target.xid &&
      stop.kind === (target.inclusive ? 'after-commit' : 'before-commit');
    const lastOk = !target.inclusive || lastCommit?.xid === target.xid;
    return { ok: stopOk && lastOk, detail: where };
  }
  const ok = stop.kind === 'restore-point' && stop.name === target.name;
  return { ok, detail: where };
}

/**
 * A quiet database's target: recovery stopped just after the newest archived commit (or where the
 * backup became consistent, with no commit since), the last applied commit is that one, and it is
 * not after the target.
 */
function judgeEndOfArchivedWal(
  target: { time: string; inclusive: boolean },
  served: EndOfArchivedWal,
  stop: RecoveryStop | null,
  lastCommit: LastCommit | null,
  last: string,
): StopCheck {
  const t = toEpochMicros(target.time);
  const notAfter =
    lastCommit === null ||
    (target.inclusive ? toEpochMicros(lastCommit.at) <= t : toEpochMicros(lastCommit.at) < t);
  const where = `${describeEndOfArchivedWal(served)}; recovery stopped ${stop ? describeStop(stop) : '(the server log does not say where)'}; ${last}`;
  const c = served.lastCommit;
  const stopOk = c
    ? stop !== null &&
      stop.kind === 'after-lsn' &&
      compareLsn(stop.lsn, c.lsn) === 0 &&
      lastCommit !== null &&
      (c.xid === null || lastCommit.xid === c.xid)
    : stop?.kind === 'consistent';
  return { ok: stopOk && notAfter, detail: where };
}
