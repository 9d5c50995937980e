import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Where a profile's data lives. PostgreSQL and pgBackRest run as `postgres` when we are root, so
 * they must be able to walk to their files. A checkout in a private folder (/root is 0700) is
 * not reachable: its data then lives in a per-checkout folder under a system data dir, and
 * `<checkout>/.data/<profile>` is a symlink to it, so every path the stack hands out (and the
 * scripts that read `.data/<profile>/stack.env`) still works.
 */
export const SYSTEM_DATA_HOME = process.env.REWIND_SYSTEM_DATA_HOME ?? '/var/lib/rewind';

interface Ids {
  uid: number;
  gid: number;
}

let postgresIds: Ids | null | undefined;
/** The postgres user's ids when we are root (then PostgreSQL runs as postgres), else null. */
export function postgresUser(): Ids | null {
  if (process.getuid?.() !== 0) return null;
  if (postgresIds === undefined) {
    try {
      const id = (flag: string) =>
        Number(execFileSync('id', [flag, 'postgres'], { stdio: 'pipe' }).toString().trim());
      postgresIds = { uid: id('-u'), gid: id('-g') };
    } catch {
      // no postgres user yet (install.sh adds it): nothing to relocate for
      postgresIds = null;
    }
  }
  return postgresIds;
}

/** Whether `who` may search (x) every directory from / down to `dir`. */
export function canTraverse(dir: string, who: Ids): boolean {
  let current = resolve(dir);
  for (;;) {
    const st = statSync(current);
    const bit = st.uid === who.uid ? 0o100 : st.gid === who.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** `/var/lib/rewind/<checkout name>-<hash of its path>/<profile>` */
export function systemDataDir(root: string, profile: string): string {
  const hash = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 12);
  return join(SYSTEM_DATA_HOME, `${basename(resolve(root))}-${hash}`, profile);
}

/** The profile's data dir as the stack uses it: the symlink's target when relocated. */
export function resolveDataDir(root: string, profile: string): string {
  const link = join(root, '.data', profile);
  try {
    if (lstatSync(link).isSymbolicLink()) return resolve(dirname(link), readlinkSync(link));
  } catch {
    // not there yet
  }
  return link;
}

/**
 * Called by `up` before anything is written: makes `.data/<profile>` (a symlink to the system
 * data dir when postgres cannot reach the checkout) and returns the real data dir. A missing
 * link means the checkout's data was deleted (`rm -rf .data` starts over), so a leftover system
 * folder of this checkout is deleted too rather than silently reused.
 */
export function ensureDataDir(
  root: string,
  profile: string,
  log: (m: string) => void = () => undefined,
): string {
  const link = join(root, '.data', profile);
  const existing = resolveDataDir(root, profile);
  if (existing !== link || existsSync(link)) return existing;
  const pg = postgresUser();
  mkdirSync(join(root, '.data'), { recursive: true });
  if (!pg || canTraverse(root, pg)) {
    mkdirSync(link, { recursive: true });
    return link;
  }
  const target = systemDataDir(root, profile);
  if (existsSync(target)) {
    log(`data: ${target} is left from a deleted ${link}: starting over`);
    rmSync(target, { recursive: true, force: true });
  }
  // 0711: postgres walks through to its own folders but cannot list the checkout's data
  mkdirSync(dirname(target), { recursive: true, mode: 0o711 });
  mkdirSync(target, { mode: 0o711 });
  symlinkSync(target, link);
  log(`data: ${root} is not reachable by the postgres user; data lives in ${target}`);
  return target;
}
