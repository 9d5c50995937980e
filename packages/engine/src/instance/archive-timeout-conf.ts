import { REWIND_CONF_MARKER } from './render-postgresql-conf';

const ARCHIVE_TIMEOUT_LINE = /^\s*archive_timeout\s*=/;

export function assertArchiveTimeout(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1)
    throw new Error(`archive_timeout must be a whole number of seconds ≥ 1, got ${seconds}`);
}

/**
 * postgresql.conf with the archive_timeout of the block the engine appended replaced, so the
 * file agrees with what the server runs with (pure, for tests). Lines above the block (initdb's
 * commented defaults) are left alone; a file without the block was not made by the engine.
 */
export function setRewindArchiveTimeout(conf: string, seconds: number): string {
  assertArchiveTimeout(seconds);
  const lines = conf.split('\n');
  const start = lines.findIndex((l) => l.trim() === REWIND_CONF_MARKER);
  if (start < 0)
    throw new Error('postgresql.conf has no rewind settings block; was it written by the engine?');
  const setting = `archive_timeout = ${seconds}`;
  let replaced = false;
  const out = lines.map((l, i) => {
    if (i <= start || !ARCHIVE_TIMEOUT_LINE.test(l)) return l;
    replaced = true;
    return setting;
  });
  if (replaced) return out.join('\n');
  // the block always had the line; if someone removed it, later lines still win, so append
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  return [...out, setting, ''].join('\n');
}

/**
 * postgresql.auto.conf (read after postgresql.conf, so it wins) with archive_timeout set the way
 * ALTER SYSTEM writes it: for a server that is not running and so cannot take ALTER SYSTEM (pure).
 */
export function setAutoConfArchiveTimeout(autoConf: string, seconds: number): string {
  assertArchiveTimeout(seconds);
  const kept = autoConf.split('\n').filter((l) => !ARCHIVE_TIMEOUT_LINE.test(l));
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  return [...kept, `archive_timeout = '${seconds}'`, ''].join('\n');
}
