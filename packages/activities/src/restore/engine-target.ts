import type { RestoreTargetSpec } from '@rewind/core';
import type { RestoreTarget } from '@rewind/engine';

/** The API's target in pgBackRest/PostgreSQL terms (pure). */
export function engineTarget(t: RestoreTargetSpec): RestoreTarget {
  if ('time' in t) return { type: 'time', targetTime: t.time, inclusive: t.inclusive };
  if ('lsn' in t) return { type: 'lsn', targetLsn: t.lsn, inclusive: t.inclusive };
  if ('xid' in t) return { type: 'xid', targetXid: t.xid, inclusive: t.inclusive };
  if ('name' in t) return { type: 'name', targetName: t.name };
  return { type: 'default' };
}
