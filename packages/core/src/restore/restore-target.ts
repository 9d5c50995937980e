import { AppError } from '../errors/app-error';
import { parseLsn } from '../postgres/lsn';
import { parseXid } from '../postgres/xid';
import { formatEpochMicros, parseTargetTime } from '../time/parse-target-time';

/**
 * A restore target as stored (restores.target) and passed to workflows: plain JSON, times in
 * UTC with µs, LSNs normalised. The one definition: the database column (restores.target), the
 * workflows and the API's JSON all use this type.
 */
export type RestoreTargetSpec =
  | { time: string; inclusive: boolean }
  | { lsn: string; inclusive: boolean }
  | { xid: string; inclusive: boolean }
  | { name: string }
  | { latest: true };

const KEYS = ['time', 'lsn', 'xid', 'name'] as const;
// pg_create_restore_point accepts up to MAXFNAMELEN-1 bytes; quotes and newlines would break
// the recovery_target_name line pgBackRest writes
const NAME = /^[^'\r\n\\]{1,63}$/;

/**
 * Validates what a client sent as `target`: `"latest"` or an object with exactly one of
 * `time` / `lsn` / `xid` / `name` (+ `inclusive`, default true). Throws AppError with a message
 * a person can act on (`target_naive` for a time without offset).
 */
export function parseRestoreTarget(input: unknown): RestoreTargetSpec {
  if (input === 'latest') return { latest: true };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError(
      'validation_failed',
      'target must be "latest" or an object with one of time, lsn, xid or name, e.g. { "time": "2026-11-22T14:05:00Z" }',
    );
  }
  const obj = input as Record<string, unknown>;
  const unknown = Object.keys(obj).filter(
    (k) => !(KEYS as readonly string[]).includes(k) && k !== 'inclusive',
  );
  if (unknown.length > 0)
    throw new AppError(
      'validation_failed',
      `target has unknown field(s) ${unknown.join(', ')}; use one of time, lsn, xid or name (and inclusive)`,
    );
  const given = KEYS.filter((k) => obj[k] !== undefined);
  if (given.length !== 1)
    throw new AppError(
      'validation_failed',
      given.length === 0
        ? 'target needs one of time, lsn, xid or name'
        : `target has ${given.join(' and ')}; give exactly one of them`,
    );
  const inclusive = obj.inclusive ?? true;
  if (typeof inclusive !== 'boolean')
    throw new AppError('validation_failed', 'target.inclusive must be true or false');

  switch (given[0]!) {
    case 'time':
      return { time: formatEpochMicros(parseTargetTime(obj.time).epochMicros), inclusive };
    case 'lsn':
      return { lsn: parseLsn(obj.lsn).text, inclusive };
    case 'xid':
      return { xid: parseXid(obj.xid).text, inclusive };
    case 'name': {
      if (obj.inclusive !== undefined)
        throw new AppError(
          'validation_failed',
          'a restore point (name) target is always reached exactly; drop inclusive',
        );
      const name = obj.name;
      if (typeof name !== 'string' || !NAME.test(name))
        throw new AppError(
          'validation_failed',
          'target.name must be the name given to pg_create_restore_point: 1-63 characters without quotes, backslashes or newlines',
        );
      return { name };
    }
  }
  // unreachable: given[0] is one of KEYS
  throw new AppError('validation_failed', 'unsupported target');
}

/** One line for people: `time 2026-11-22T14:05:00Z (inclusive)`. */
export function describeRestoreTarget(t: RestoreTargetSpec): string {
  if ('latest' in t) return 'the latest archived commit';
  if ('name' in t) return `restore point "${t.name}"`;
  const incl = t.inclusive ? 'inclusive' : 'exclusive';
  if ('time' in t) return `time ${t.time} (${incl})`;
  if ('lsn' in t) return `LSN ${t.lsn} (${incl})`;
  return `transaction ${t.xid} (${incl})`;
}
