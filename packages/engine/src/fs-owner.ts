import { chown, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OsUser {
  uid: number;
  gid: number;
}

/** Parses one user's entry out of /etc/passwd text (pure, for tests). */
export function parsePasswd(text: string, user: string): OsUser | undefined {
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === user && f[2] !== undefined && f[3] !== undefined) {
      return { uid: Number(f[2]), gid: Number(f[3]) };
    }
  }
  return undefined;
}

let cached: OsUser | undefined;

export async function postgresUser(): Promise<OsUser> {
  if (cached) return cached;
  const found = parsePasswd(await readFile('/etc/passwd', 'utf8'), 'postgres');
  if (!found) throw new Error('no `postgres` OS user on this host; install postgresql-15');
  cached = found;
  return found;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * mkdir -p, then hand every directory it created to postgres (only root can chown; otherwise we
 * already are postgres). Chowning only the leaf would leave root-owned 0700 parents postgres
 * cannot traverse.
 */
export async function mkdirForPostgres(dir: string, mode = 0o700): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode });
  if (!isRoot()) return;
  const u = await postgresUser();
  const created = first === undefined ? [dir] : pathsFrom(first, dir);
  for (const d of created) await chown(d, u.uid, u.gid);
}

/** `/a/b` → `/a/b/c/d` gives [/a/b, /a/b/c, /a/b/c/d] (pure). */
export function pathsFrom(first: string, leaf: string): string[] {
  const out = [first];
  const rest = path.relative(first, leaf);
  if (!rest) return out;
  let cur = first;
  for (const part of rest.split(path.sep)) {
    cur = path.join(cur, part);
    out.push(cur);
  }
  return out;
}

/** Atomic write (tmp + rename) so a crash never leaves a half-written config that pgBackRest would misread. */
export async function writeFileForPostgres(
  file: string,
  content: string,
  mode = 0o600,
): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, content, { mode });
  if (isRoot()) {
    const u = await postgresUser();
    await chown(tmp, u.uid, u.gid);
  }
  await rename(tmp, file);
}
