import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createActivities } from '@rewind/activities';
import type { StackEnv } from '@rewind/core';
import { getInstanceWindow, inTenantTx } from '@rewind/db';
import { extendCloneUpdate } from '@rewind/workflows/messages';
import { exists, sleep, type RestoreSuite } from './restore-suite';

/** What the fault drills share: the stack CLI, /api/health, the supervised apps' pids. */
const root = path.resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const run = promisify(execFile);

export function stackCtl(verb: 'up' | 'down', only: string): Promise<unknown> {
  return run(
    'bash',
    [path.join(root, 'infra/bin/stack.sh'), verb, '--profile', 'test', '--only', only],
    {
      cwd: root,
      timeout: 240_000,
    },
  );
}

export interface Health {
  status: string;
  checks: Array<{ name: string; ok: boolean; detail?: string }>;
}

export async function health(
  env: StackEnv,
): Promise<{ code: number; body: Health } | { code: 0; error: string }> {
  try {
    const res = await fetch(new URL('/api/health', env.WEB_URL), {
      signal: AbortSignal.timeout(10_000),
    });
    return { code: res.status, body: (await res.json()) as Health };
  } catch (err) {
    return { code: 0, error: (err as Error).message };
  }
}

/** Polls /api/health until `pred` holds; returns how long that took. */
export async function untilHealth(
  env: StackEnv,
  pred: (h: Awaited<ReturnType<typeof health>>) => boolean,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  let last: Awaited<ReturnType<typeof health>> | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await health(env);
    if (pred(last)) return Date.now() - started;
    await sleep(1_000);
  }
  throw new Error(
    `/api/health did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(last)}`,
  );
}

export const isGreen = (h: Awaited<ReturnType<typeof health>>) => h.code === 200;

export const failing = (h: Awaited<ReturnType<typeof health>>) =>
  'body' in h ? h.body.checks.filter((c) => !c.ok).map((c) => c.name) : ['unreachable'];

/** The app process itself (not its supervisor): the pid a crash would change. */
export function appPid(env: StackEnv, service: 'worker' | 'web'): number {
  const file = path.join(env.REWIND_DATA_DIR, 'run', `${service}.supervisor.json`);
  const state = JSON.parse(readFileSync(file, 'utf8')) as { childPid: number | null };
  if (!state.childPid) throw new Error(`${service} has no running app process (${file})`);
  return state.childPid;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Reads the clone's orders, then ends the restore (its TTL timer would wait 24 h). */
export async function cloneNotesAndEnd(
  s: RestoreSuite,
  r: Awaited<ReturnType<RestoreSuite['start']>>,
  cloneId: string,
) {
  const clone = await s.instanceRow(cloneId);
  const notes = (
    await s.engine.runSql(
      {
        socketDir: s.engine.paths(cloneId).run,
        port: clone.port!,
        database: s.source.databaseName,
      },
      'select note from orders order by id',
      { context: 'reading the restored copy' },
    )
  )
    .split('\n')
    .filter(Boolean);
  await r.handle.executeUpdate(extendCloneUpdate, {
    args: [{ expiresAt: new Date().toISOString(), byUserId: s.ownerId }],
  });
  await r.handle.result();
  if (await exists(s.engine.paths(cloneId).root))
    throw new Error(`the clone ${cloneId} was not removed when its restore ended`);
  return notes;
}

/** One drill's figures, as bench/faults.ts prints them. */
export interface DrillFigures {
  fault: string;
  /** from the fault to the first sign of it the system gave (health red, status), if it gave one */
  detectMs: number | null;
  /** from the fault's end to the stack being whole again (restore done, health green) */
  recoverMs: number;
  /**
   * committed rows older than the RPO bound that archived WAL does not hold (drills under a
   * write load), or rows written before the fault missing from the restored copy (drills
   * without one); null: the drill does not count rows
   */
  rowsLost: number | null;
  /** null: no restore runs during this drill */
  restoreSucceeded: boolean | null;
  note?: string;
}

/** Appends a drill's figures to `<data dir>/drill-figures.jsonl` (read by bench/faults.ts). */
export async function recordDrillFigures(env: StackEnv, figures: DrillFigures): Promise<void> {
  console.log(`[drill] ${JSON.stringify(figures)}`);
  await appendFile(
    path.join(env.REWIND_DATA_DIR, 'drill-figures.jsonl'),
    `${JSON.stringify(figures)}\n`,
  );
}

/**
 * Runs the real catalog sync of the suite's source, then reads its window: per region whether
 * the sync succeeded, how many contiguous WAL ranges it found and the window's gaps. A drill's
 * fault must leave exactly one range and no gap in each region (a false gap would refuse
 * restorable seconds).
 */
export async function syncedWindow(s: RestoreSuite) {
  const regions = [s.env.REGION_A_NAME, s.env.REGION_B_NAME];
  const sync = await createActivities(s.deps).syncCatalog({
    tenantId: s.tenantId,
    instanceId: s.source.id,
  });
  const window = await inTenantTx(s.app.db, { tenantId: s.tenantId }, (tx) =>
    getInstanceWindow(tx, s.tenantId, s.source.id, { regions }),
  );
  return regions.map((region) => ({
    region,
    synced: sync.regions.find((r) => r.region === region)?.ok ?? false,
    walRanges: sync.regions.find((r) => r.region === region)?.walRanges ?? 0,
    gaps: window.regions.find((r) => r.region === region)?.gaps ?? null,
  }));
}

/** What `syncedWindow` must answer after any drill: one range, no gap, in both regions. */
export const wholeWindow = (env: StackEnv) =>
  [env.REGION_A_NAME, env.REGION_B_NAME].map((region) => ({
    region,
    synced: true,
    walRanges: 1,
    gaps: [],
  }));
