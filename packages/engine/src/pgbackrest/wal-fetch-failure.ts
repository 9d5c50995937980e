import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const SEGMENT = /\b[0-9A-F]{24}\b/;

export interface WalFetchFailure {
  /** the archived segment recovery could not fetch, when the logs name one */
  segment: string | null;
  /** pgBackRest's and PostgreSQL's own lines about it, newest last */
  lines: string[];
}

async function readLines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8').catch(() => '')).split('\n');
}

/**
 * Why a restored copy's recovery stopped short: PostgreSQL takes a failed restore_command for
 * "no more WAL" and ends recovery before the target ("recovery ended before configured recovery
 * target was reached"), naming no segment. The copy's own archive-get logs and spool (its
 * restore_command writes both under `copyDir`) say which segment pgBackRest could not fetch
 * and why (a corrupted object fails decryption or decompression; async archive-get leaves
 * `<segment>.error` in the spool). Null when nothing there points at WAL.
 */
export async function findWalFetchFailure(
  copyDir: string,
  postgresLog: string,
): Promise<WalFetchFailure | null> {
  const lines: string[] = [];
  let segment: string | null = null;
  const logDir = path.join(copyDir, 'log');
  for (const name of (await readdir(logDir).catch(() => [] as string[])).sort()) {
    if (!name.includes('archive-get')) continue;
    for (const line of await readLines(path.join(logDir, name))) {
      if (!/\b(ERROR|WARN):/.test(line)) continue;
      // without its timestamp and process id, so one failure retried reads once
      lines.push(line.replace(/^\S+ \S+ P\d+\s+/, '').trim());
      segment ??= SEGMENT.exec(line)?.[0] ?? null;
    }
  }
  // async archive-get: one <segment>.error file per segment it failed to fetch
  const spool = path.join(copyDir, 'spool', 'archive');
  for (const stanza of await readdir(spool).catch(() => [] as string[])) {
    const inDir = path.join(spool, stanza, 'in');
    for (const name of (await readdir(inDir).catch(() => [] as string[])).sort()) {
      const m = /^([0-9A-F]{24})\.error$/.exec(name);
      if (!m) continue;
      segment ??= m[1]!;
      const text = (await readFile(path.join(inDir, name), 'utf8').catch(() => '')).trim();
      lines.push(`${m[1]}: ${text.split('\n').join(' ')}`);
    }
  }
  if (lines.length === 0 && segment === null) return null;
  for (const line of await readLines(postgresLog))
    if (/recovery ended before|could not restore file/.test(line)) lines.push(line.trim());
  return { segment, lines: lines.slice(-8) };
}
