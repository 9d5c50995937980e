import { existsSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { delimiter, dirname, join } from 'node:path';
import { NEXT_BIN, REPO_ROOT } from './paths';
import { isAlive, sleep, startDetached, waitFor } from './process';
import {
  detachedPid,
  stopDetached,
  type ServiceContext,
  type ServiceDef,
  type ServiceName,
} from './service';
import type { SupervisorState } from './supervision-policy';

const WORKER_MAIN = join(REPO_ROOT, 'apps', 'worker', 'src', 'main.ts');
const WEB_DIR = join(REPO_ROOT, 'apps', 'web');
const SUPERVISE = join(REPO_ROOT, 'infra', 'src', 'supervise.ts');

export function supervisorStateFile(ctx: ServiceContext, name: ServiceName): string {
  return join(ctx.paths.runDir, `${name}.supervisor.json`);
}

export function readSupervisorState(
  ctx: ServiceContext,
  name: ServiceName,
): SupervisorState | undefined {
  try {
    return JSON.parse(readFileSync(supervisorStateFile(ctx, name), 'utf8')) as SupervisorState;
  } catch {
    return undefined;
  }
}

/**
 * The app runs under infra/src/supervise.ts (restarted on failure with backoff) unless
 * REWIND_SUPERVISE=0. Both run on node with tsx's loader, not the tsx CLI, so the pid the
 * supervisor watches (and a drill kills) is the app itself, not a wrapper around it.
 */
function supervised(
  ctx: ServiceContext,
  name: ServiceName,
  command: string,
  args: string[],
): { command: string; args: string[] } {
  rmSync(supervisorStateFile(ctx, name), { force: true });
  if (process.env.REWIND_SUPERVISE === '0') return { command, args };
  return {
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      SUPERVISE,
      name,
      supervisorStateFile(ctx, name),
      '--',
      command,
      ...args,
    ],
  };
}

/** During start-up a child that already exited once means it cannot start: say why now. */
function exitedDuringStart(ctx: ServiceContext, name: ServiceName): boolean {
  return readSupervisorState(ctx, name)?.lastExit != null;
}
// Tags each request with its socket address for the audit trail (see the file for why).
const WEB_PEER_ADDRESS_HOOK = join(WEB_DIR, 'peer-address.cjs');

function appEnv(ctx: ServiceContext): NodeJS.ProcessEnv {
  // tsx and next start with `#!/usr/bin/env node`: this CLI's own Node (the pinned one that
  // infra/bin/use-node.sh puts on PATH) comes first, so the worker and web run on it too
  const path = [dirname(process.execPath), process.env.PATH].filter(Boolean).join(delimiter);
  return { ...process.env, ...ctx.stackEnv, NEXTAUTH_URL: ctx.stackEnv.WEB_URL, PATH: path };
}

export const worker: ServiceDef = {
  name: 'worker',
  ports: (ctx) => [ctx.ports.workerMetrics],
  runningPid: (ctx) => detachedPid(ctx, 'worker', WORKER_MAIN),
  async start(ctx) {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} does not exist`);
    rmSync(ctx.paths.workerReadyFile, { force: true });
    startDetached({
      ...supervised(ctx, 'worker', process.execPath, ['--import', 'tsx', WORKER_MAIN]),
      cwd: REPO_ROOT,
      env: appEnv(ctx),
      logFile: ctx.paths.logFile('worker'),
      pidFile: ctx.paths.pidFile('worker'),
    });
  },
  async waitReady(ctx) {
    const pid = worker.runningPid(ctx);
    const started = Date.now();
    // the worker may announce readiness with a file; otherwise surviving 5 s is good enough
    await waitFor(
      'worker',
      async () => existsSync(ctx.paths.workerReadyFile) || Date.now() - started >= 5000,
      60_000,
      {
        alive: () => pid !== undefined && isAlive(pid) && !exitedDuringStart(ctx, 'worker'),
        logFile: ctx.paths.logFile('worker'),
      },
    );
    await sleep(100);
    if (pid === undefined || !isAlive(pid))
      throw new Error(`worker exited during start-up; see ${ctx.paths.logFile('worker')}`);
  },
  healthy: async (ctx) => worker.runningPid(ctx) !== undefined,
  stop: (ctx) => stopDetached(ctx, 'worker', WORKER_MAIN, 15_000),
};

function healthAnswers(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/health', method: 'GET', timeout: 10_000 },
      (res) => {
        res.resume();
        resolvePromise(typeof res.statusCode === 'number');
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolvePromise(false));
    req.end();
  });
}

export const web: ServiceDef = {
  name: 'web',
  ports: (ctx) => [ctx.ports.web],
  runningPid: (ctx) => detachedPid(ctx, 'web', 'next'),
  async start(ctx) {
    if (!existsSync(WEB_DIR)) throw new Error(`${WEB_DIR} does not exist`);
    startDetached({
      ...supervised(ctx, 'web', NEXT_BIN, [
        ctx.webMode,
        '-p',
        String(ctx.ports.web),
        '-H',
        '127.0.0.1',
      ]),
      cwd: WEB_DIR,
      env: {
        ...appEnv(ctx),
        NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${WEB_PEER_ADDRESS_HOOK}`]
          .filter(Boolean)
          .join(' '),
      },
      logFile: ctx.paths.logFile('web'),
      pidFile: ctx.paths.pidFile('web'),
    });
  },
  async waitReady(ctx) {
    const pid = web.runningPid(ctx);
    // next dev compiles on first request: allow minutes, not seconds
    await waitFor(
      `web (GET ${ctx.stackEnv.WEB_URL}/api/health)`,
      () => healthAnswers(ctx.ports.web),
      240_000,
      {
        alive: () => pid !== undefined && isAlive(pid) && !exitedDuringStart(ctx, 'web'),
        logFile: ctx.paths.logFile('web'),
      },
    );
  },
  healthy: (ctx) => healthAnswers(ctx.ports.web),
  stop: (ctx) => stopDetached(ctx, 'web', 'next', 15_000),
};
