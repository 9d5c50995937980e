import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PG_BIN_DIR } from './paths';
import { asPostgres, run } from './process';
import type { ServiceContext } from './service';

/**
 * Tenant instances (and restored copies) are PostgreSQL clusters the worker starts with
 * pg_ctl; they outlive the worker by design. `down` must not orphan them, and `up` brings
 * back exactly the ones `down` stopped, so the catalog's "running" stays true.
 */
const STOPPED_FILE = 'tenant-clusters.json';

/** Every cluster data dir (a dir holding PG_VERSION) below the stack's hosts dir. */
export function findClusterDirs(hostsDir: string, depth = 6): string[] {
  if (!existsSync(hostsDir)) return [];
  const out: string[] = [];
  const walk = (dir: string, left: number) => {
    if (existsSync(join(dir, 'PG_VERSION'))) {
      out.push(dir);
      return;
    }
    if (left === 0) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), left - 1);
    }
  };
  walk(hostsDir, depth);
  return out.sort();
}

const pgCtl = (args: string[]) => {
  const c = asPostgres(join(PG_BIN_DIR, 'pg_ctl'), args);
  return run(c.command, c.args, { timeoutMs: 90_000 });
};

export async function stopTenantClusters(ctx: ServiceContext): Promise<string[]> {
  const running = findClusterDirs(join(ctx.paths.dataDir, 'hosts')).filter((d) =>
    existsSync(join(d, 'postmaster.pid')),
  );
  const stopped: string[] = [];
  await Promise.all(
    running.map(async (pgdata) => {
      try {
        await pgCtl(['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '30']);
      } catch {
        // a cluster that won't stop in 30 s (e.g. archive-push stuck on a dead region) must
        // still not outlive the stack
        await pgCtl(['stop', '-D', pgdata, '-m', 'immediate', '-w', '-t', '30']).catch(
          () => undefined,
        );
      }
      stopped.push(pgdata);
    }),
  );
  writeFileSync(
    join(ctx.paths.runDir, STOPPED_FILE),
    JSON.stringify(stopped.sort(), null, 2) + '\n',
  );
  return stopped;
}

export async function startTenantClusters(ctx: ServiceContext): Promise<string[]> {
  const file = join(ctx.paths.runDir, STOPPED_FILE);
  if (!existsSync(file)) return [];
  const wanted = (JSON.parse(readFileSync(file, 'utf8')) as string[]).filter((d) =>
    existsSync(join(d, 'PG_VERSION')),
  );
  const started: string[] = [];
  for (const pgdata of wanted) {
    if (existsSync(join(pgdata, 'postmaster.pid'))) continue;
    // the engine keeps each cluster's server log next to its data dir
    const logFile = join(dirname(pgdata), 'log', 'postgresql.log');
    try {
      await pgCtl(['start', '-D', pgdata, '-l', logFile, '-w', '-t', '60']);
      started.push(pgdata);
    } catch (err) {
      ctx.log(`tenant cluster ${pgdata}: could not start again: ${(err as Error).message}`);
    }
  }
  writeFileSync(file, '[]\n');
  return started;
}
