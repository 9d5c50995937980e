import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { VENV_BIN } from './paths';
import { isAlive, run, startDetached, waitFor } from './process';
import { detachedPid, stopDetached, type ServiceContext, type ServiceDef } from './service';

const TEMPORAL = join(VENV_BIN, 'temporal');

export function tcpAccepts(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function clusterHealthy(ctx: ServiceContext): Promise<boolean> {
  if (!(await tcpAccepts(ctx.ports.temporalGrpc))) return false;
  try {
    const { stdout } = await run(
      TEMPORAL,
      [
        'operator',
        'cluster',
        'health',
        '--address',
        `127.0.0.1:${ctx.ports.temporalGrpc}`,
        '--command-timeout',
        '3s',
      ],
      { timeoutMs: 10_000 },
    );
    return /SERVING/.test(stdout);
  } catch {
    return false;
  }
}

// the SQLite file is unique per profile and identifies our process
const marker = (ctx: ServiceContext) => ctx.paths.temporalDb;

export const temporal: ServiceDef = {
  name: 'temporal',
  ports: (ctx) => [
    ctx.ports.temporalGrpc,
    ctx.ports.temporalUi,
    ctx.ports.temporalHttp,
    ctx.ports.temporalMetrics,
  ],
  runningPid: (ctx) => detachedPid(ctx, 'temporal', marker(ctx)),
  async start(ctx) {
    mkdirSync(ctx.paths.temporalDir, { recursive: true });
    const p = ctx.ports;
    startDetached({
      command: TEMPORAL,
      args: [
        'server',
        'start-dev',
        '--db-filename',
        ctx.paths.temporalDb,
        '--ip',
        '127.0.0.1',
        '--port',
        String(p.temporalGrpc),
        '--ui-port',
        String(p.temporalUi),
        '--http-port',
        String(p.temporalHttp),
        '--metrics-port',
        String(p.temporalMetrics),
        '--log-level',
        'warn',
        '--ui-disable-news-fetch',
        // an idle long poll ends after 10 s (default 60 s), so a live worker's last poll is never
        // older than that: /api/health can tell a dead worker from an idle one within 30 s
        '--dynamic-config-value',
        'matching.longPollExpirationInterval="10s"',
      ],
      cwd: ctx.paths.temporalDir,
      env: process.env,
      logFile: ctx.paths.logFile('temporal'),
      pidFile: ctx.paths.pidFile('temporal'),
    });
  },
  async waitReady(ctx) {
    const pid = temporal.runningPid(ctx);
    await waitFor(
      `temporal (127.0.0.1:${ctx.ports.temporalGrpc})`,
      () => clusterHealthy(ctx),
      90_000,
      {
        alive: () => pid !== undefined && isAlive(pid),
        logFile: ctx.paths.logFile('temporal'),
      },
    );
  },
  healthy: clusterHealthy,
  stop: (ctx) => stopDetached(ctx, 'temporal', marker(ctx), 20_000),
};
