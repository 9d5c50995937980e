import { existsSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { delimiter, dirname, join } from 'node:path';
import { NEXT_BIN, REPO_ROOT, TSX_BIN } from './paths';
import { isAlive, sleep, startDetached, waitFor } from './process';
import { detachedPid, stopDetached, type ServiceContext, type ServiceDef } from './service';

const WORKER_MAIN = join(REPO_ROOT, 'apps', 'worker', 'src', 'main.ts');
const WEB_DIR = join(REPO_ROOT, 'apps', 'web');

function appEnv(ctx: ServiceContext): NodeJS.ProcessEnv {
  // tsx and next start with `#!/usr/bin/env node`: this CLI's own Node (the pinned one that
  // infra/bin/use-node.sh puts on PATH) comes first, so the worker and web run on it too
  const path = [dirname(process.execPath), process.env.PATH].filter(Boolean).join(delimiter);
  return { ...process.env, ...ctx.stackEnv, NEXTAUTH_URL: ctx.stackEnv.WEB_URL, PATH: path };
}

export const worker: ServiceDef = {
  name: 'worker',
  ports: () => [],
  runningPid: (ctx) => detachedPid(ctx, 'worker', WORKER_MAIN),
  async start(ctx) {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} does not exist`);
    rmSync(ctx.paths.workerReadyFile, { force: true });
    startDetached({
      command: TSX_BIN,
      args: [WORKER_MAIN],
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
        alive: () => pid !== undefined && isAlive(pid),
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
      command: NEXT_BIN,
      args: [ctx.webMode, '-p', String(ctx.ports.web), '-H', '127.0.0.1'],
      cwd: WEB_DIR,
      env: appEnv(ctx),
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
        alive: () => pid !== undefined && isAlive(pid),
        logFile: ctx.paths.logFile('web'),
      },
    );
  },
  healthy: (ctx) => healthAnswers(ctx.ports.web),
  stop: (ctx) => stopDetached(ctx, 'web', 'next', 15_000),
};
