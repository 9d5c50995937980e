import type { EndOfArchivedWal, RestoreTargetSpec } from '@rewind/core';
import type { RestoreTarget } from '@rewind/engine';

/** The API's target in pgBackRest/PostgreSQL terms (pure). */
export function engineTarget(t: RestoreTargetSpec): RestoreTarget {
  if ('time' in t) return { type: 'time', targetTime: t.time, inclusive: t.inclusive };
  if ('lsn' in t) return { type: 'lsn', targetLsn: t.lsn, inclusive: t.inclusive };
  if ('xid' in t) return { type: 'xid', targetXid: t.xid, inclusive: t.inclusive };
  if ('name' in t) return { type: 'name', targetName: t.name };
  return { type: 'default' };
}

/**
 * What recovery is told for a candidate: the target itself, or for a quiet database's target
 * after the newest archived commit, just after that commit (LSN, inclusive) or, with no commit
 * since the backup, its consistent end. Never `default`: WAL archived after the check may hold
 * commits after the target.
 */
export function candidateTarget(
  t: RestoreTargetSpec,
  endOfArchivedWal: EndOfArchivedWal | undefined,
): RestoreTarget {
  if (!endOfArchivedWal) return engineTarget(t);
  const c = endOfArchivedWal.lastCommit;
  return c ? { type: 'lsn', targetLsn: c.lsn, inclusive: true } : { type: 'immediate' };
}
