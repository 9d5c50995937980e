import { request } from 'node:http';
import { join } from 'node:path';
import { isAlive, startDetached, waitFor } from './process';
import { renderPrometheusConfigs } from './prometheus-config';
import { detachedPid, stopDetached, type ServiceContext, type ServiceDef } from './service';

/** Debian's packages (infra/bin/install.sh): prometheus 2.42 and prometheus-alertmanager 0.25. */
export const PROMETHEUS_BIN = process.env.REWIND_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const ALERTMANAGER_BIN =
  process.env.REWIND_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

function rendered(ctx: ServiceContext) {
  return renderPrometheusConfigs({
    profile: ctx.paths.profile,
    dataDir: ctx.paths.dataDir,
    ports: ctx.ports,
    metricsToken: ctx.secrets.metricsToken,
  });
}

function answers200(port: number, path: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: 3000 }, (res) => {
      res.resume();
      resolvePromise(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolvePromise(false));
    req.end();
  });
}

// the rendered config file is unique per profile and identifies our process
const prometheusMarker = (ctx: ServiceContext) => join(ctx.paths.dataDir, 'prometheus');
const alertmanagerMarker = (ctx: ServiceContext) => join(ctx.paths.dataDir, 'alertmanager');

export const prometheus: ServiceDef = {
  name: 'prometheus',
  ports: (ctx) => [ctx.ports.prometheus],
  runningPid: (ctx) => detachedPid(ctx, 'prometheus', prometheusMarker(ctx)),
  async start(ctx) {
    const r = rendered(ctx);
    startDetached({
      command: PROMETHEUS_BIN,
      args: [
        `--config.file=${r.configFile}`,
        `--storage.tsdb.path=${join(r.dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${ctx.ports.prometheus}`,
        '--storage.tsdb.retention.time=15d',
        '--log.level=warn',
      ],
      cwd: r.dir,
      env: process.env,
      logFile: ctx.paths.logFile('prometheus'),
      pidFile: ctx.paths.pidFile('prometheus'),
    });
  },
  async waitReady(ctx) {
    const pid = prometheus.runningPid(ctx);
    await waitFor(
      `prometheus (127.0.0.1:${ctx.ports.prometheus}/-/ready)`,
      () => answers200(ctx.ports.prometheus, '/-/ready'),
      60_000,
      { alive: () => pid !== undefined && isAlive(pid), logFile: ctx.paths.logFile('prometheus') },
    );
  },
  healthy: (ctx) => answers200(ctx.ports.prometheus, '/-/ready'),
  stop: (ctx) => stopDetached(ctx, 'prometheus', prometheusMarker(ctx), 15_000),
};

export const alertmanager: ServiceDef = {
  name: 'alertmanager',
  ports: (ctx) => [ctx.ports.alertmanager],
  runningPid: (ctx) => detachedPid(ctx, 'alertmanager', alertmanagerMarker(ctx)),
  async start(ctx) {
    const r = rendered(ctx);
    startDetached({
      command: ALERTMANAGER_BIN,
      args: [
        `--config.file=${r.alertmanagerConfigFile}`,
        `--storage.path=${join(r.alertmanagerDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${ctx.ports.alertmanager}`,
        // no HA gossip: it would listen on 0.0.0.0:9094, the same port for every stack
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      cwd: r.alertmanagerDir,
      env: process.env,
      logFile: ctx.paths.logFile('alertmanager'),
      pidFile: ctx.paths.pidFile('alertmanager'),
    });
  },
  async waitReady(ctx) {
    const pid = alertmanager.runningPid(ctx);
    await waitFor(
      `alertmanager (127.0.0.1:${ctx.ports.alertmanager}/-/ready)`,
      () => answers200(ctx.ports.alertmanager, '/-/ready'),
      60_000,
      {
        alive: () => pid !== undefined && isAlive(pid),
        logFile: ctx.paths.logFile('alertmanager'),
      },
    );
  },
  healthy: (ctx) => answers200(ctx.ports.alertmanager, '/-/ready'),
  stop: (ctx) => stopDetached(ctx, 'alertmanager', alertmanagerMarker(ctx), 15_000),
};
