import { compareLsn } from '../postgres/lsn';
import { toEpochMicros } from '../time/parse-target-time';
import type { RegionWindow } from '../window/restore-window';

/**
 * How a quiet database's target is served. A time target after the newest archived commit cannot
 * be given to PostgreSQL as a time: recovery_target_time stops only at a commit after the target,
 * and with none in archived WAL recovery fails ("recovery ended before configured recovery target
 * was reached"). Inside the window's quiet coverage nothing committed between that commit and the
 * target (all WAL written until `archivedThrough` is archived, and that commit is its newest), so
 * the state at the target is the state just after that commit, or, when no commit followed the
 * backup, the backup's consistent end. Recovery stops there (an LSN target, inclusive, or
 * `immediate`), never at the end of whatever WAL is archived by the time it runs, which may hold
 * commits after the target.
 */
export interface EndOfArchivedWal {
  /** every WAL byte written until then is archived in the serving region (RFC 3339 UTC µs) */
  archivedThrough: string;
  /** the newest archived commit; null: none after the backup, so recovery stops at its end */
  lastCommit: { lsn: string; xid: string | null; at: string } | null;
}

export interface ArchivedCommit {
  lsn?: string | null;
  at?: string | null;
  xid?: string | null;
}

/**
 * Whether `window`'s region serves a time target as the end of archived WAL, and how; undefined
 * when an ordinary time recovery reaches it (a commit after the target is archived) or the
 * region has no quiet coverage; null when it would have to but the catalog lacks the commit's LSN.
 */
export function endOfArchivedWalFor(input: {
  window: RegionWindow | undefined;
  targetMicros: bigint;
  inclusive: boolean;
  newestCommit: ArchivedCommit | undefined;
  /** stop LSN of the backup that serves the target */
  backupEndLsn: string | undefined;
}): EndOfArchivedWal | null | undefined {
  const archivedThrough = input.window?.archivedThrough;
  if (!archivedThrough) return undefined;
  const c = input.newestCommit;
  if (c?.at) {
    const at = toEpochMicros(c.at);
    // inclusive: recovery needs a commit after the target; exclusive: one at or after it
    const reachable = input.inclusive ? input.targetMicros < at : input.targetMicros <= at;
    if (reachable) return undefined;
  }
  if (!c?.at) return { archivedThrough, lastCommit: null };
  if (!c.lsn) return null;
  // a commit inside the backup is in its data already: recovery stops where the backup is consistent
  const committedAfterBackup =
    input.backupEndLsn === undefined || compareLsn(input.backupEndLsn, c.lsn) < 0;
  return {
    archivedThrough,
    lastCommit: committedAfterBackup ? { lsn: c.lsn, xid: c.xid ?? null, at: c.at } : null,
  };
}

/** The words the pre-flight and the checks use for it. */
export function describeEndOfArchivedWal(e: EndOfArchivedWal): string {
  const commit = e.lastCommit
    ? `the newest archived commit (transaction ${e.lastCommit.xid ?? '?'} at ${e.lastCommit.at}, WAL location ${e.lastCommit.lsn})`
    : 'the end of the backup (no commit since)';
  return `served as the state at the end of archived WAL: the target is after the newest archived commit, and every WAL byte written until ${e.archivedThrough} is archived, so nothing committed in between; recovery stops just after ${commit}`;
}
