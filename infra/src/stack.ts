import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readSupervisorState, web, worker } from './apps';
import { controlPg } from './control-db';
import { ensureDataDir } from './data-home';
import { REPO_ROOT, stackName, stackPaths, type Profile } from './paths';
import { assertPortsFree, computePorts, findPortClashes, type PortLayout } from './ports';
import { loadOrCreateSecrets } from './secrets';
import { alertmanager, prometheus } from './prometheus';
import { regionA, regionB } from './seaweed';
import {
  ALL_SERVICES,
  INFRA_SERVICES,
  type ServiceContext,
  type ServiceDef,
  type ServiceName,
} from './service';
import { renderStackEnv, writeStackEnv } from './stack-env-file';
import { temporal } from './temporal';
import { startTenantClusters, stopTenantClusters } from './tenant-clusters';
import { ensureCa } from './tls';

export const SERVICES: Record<ServiceName, ServiceDef> = {
  'control-pg': controlPg,
  'region-a': regionA,
  'region-b': regionB,
  temporal,
  prometheus,
  alertmanager,
  worker,
  web,
};

export interface StackOptions {
  profile: Profile;
  webMode?: 'dev' | 'start';
  log?: (message: string) => void;
}

/** `up` records the layout it used so `status`/`down` report the same ports even without the env overrides. */
function resolvePorts(profile: Profile, forUp: boolean): PortLayout {
  const paths = stackPaths(profile);
  if (!forUp && existsSync(paths.portsFile))
    return JSON.parse(readFileSync(paths.portsFile, 'utf8')) as PortLayout;
  return computePorts(profile);
}

export function createContext(opts: StackOptions, forUp: boolean): ServiceContext {
  const log = opts.log ?? ((m: string) => console.log(m));
  // `up` makes the data dir first: outside the checkout when postgres cannot reach it
  if (forUp) ensureDataDir(REPO_ROOT, stackName(opts.profile), log);
  const paths = stackPaths(opts.profile);
  mkdirSync(paths.logsDir, { recursive: true });
  mkdirSync(paths.runDir, { recursive: true });
  const ports = resolvePorts(opts.profile, forUp);
  const { secrets } = loadOrCreateSecrets(paths.secretsFile);
  return {
    paths,
    ports,
    secrets,
    stackEnv: renderStackEnv({ paths, ports, secrets }),
    webMode: opts.webMode ?? 'dev',
    log,
  };
}

export async function up(opts: StackOptions, services: readonly ServiceName[]): Promise<void> {
  const ctx = createContext(opts, true);
  const clashes = findPortClashes(ctx.ports);
  if (clashes.length > 0) throw new Error(`port layout is inconsistent: ${clashes.join('; ')}`);
  writeFileSync(ctx.paths.portsFile, JSON.stringify(ctx.ports, null, 2) + '\n');
  // stack.env first: the migrations and the apps read it
  writeStackEnv(ctx.paths.stackEnvFile, ctx.stackEnv);
  await ensureCa(ctx.paths.tlsDir);
  // the infrastructure services do not depend on each other: start them together; the apps need all of them
  const stages: ServiceName[][] = [
    // Prometheus only scrapes: until the apps are up its targets are simply down
    ['control-pg', 'region-a', 'region-b', 'temporal', 'prometheus', 'alertmanager'],
    ['worker'],
    ['web'],
  ];
  for (const stage of stages) {
    const results = await Promise.allSettled(
      stage.filter((s) => services.includes(s)).map((name) => upOne(ctx, opts.profile, name)),
    );
    const failures = results.flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as Error).message] : [],
    );
    if (failures.length > 0) throw new Error(failures.join('\n'));
    if (
      stage.includes('temporal') &&
      services.includes('region-a') &&
      services.includes('region-b')
    ) {
      // tenant clusters archive to both regions: bring back what `down` stopped once S3 is up
      const started = await startTenantClusters(ctx);
      if (started.length > 0) ctx.log(`tenant clusters: started ${started.length} again`);
    }
  }
  ctx.log(`stack env: ${ctx.paths.stackEnvFile}`);
}

async function upOne(ctx: ServiceContext, profile: Profile, name: ServiceName): Promise<void> {
  const svc = SERVICES[name];
  const t0 = Date.now();
  try {
    const pid = svc.runningPid(ctx);
    if (pid !== undefined) {
      if (!(await svc.healthy(ctx))) await svc.waitReady(ctx);
      if (svc.afterReady) await svc.afterReady(ctx);
      ctx.log(`${name}: already running (pid ${pid}), healthy`);
      return;
    }
    await assertPortsFree(ctx.ports, name);
    try {
      await svc.start(ctx);
      await svc.waitReady(ctx);
    } catch (err) {
      // a half-started service would hold its ports and confuse the next `up`: take it down again
      await svc.stop(ctx).catch(() => undefined);
      throw err;
    }
    if (svc.afterReady) await svc.afterReady(ctx);
    ctx.log(
      `${name}: started (pid ${svc.runningPid(ctx) ?? '?'}, ports ${svc.ports(ctx).join(',') || '-'}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    throw new Error(`while starting ${name} (profile ${profile}): ${(err as Error).message}`);
  }
}

export async function down(opts: StackOptions, services: readonly ServiceName[]): Promise<void> {
  const ctx = createContext(opts, false);
  // reverse dependency order: apps first, then Temporal, S3, and PostgreSQL last; the two
  // regions are independent and each needs ~15 s to drain weed's gRPC streams, so in parallel
  const stages: ServiceName[][] = [
    ['web', 'prometheus', 'alertmanager'],
    ['worker'],
    ['temporal'],
    ['region-b', 'region-a'],
    ['control-pg'],
  ];
  for (const stage of stages) {
    // only on a whole-stack down: a drill that restarts control-pg alone must not stop tenant data
    if (
      stage.includes('temporal') &&
      services.includes('control-pg') &&
      services.includes('region-a') &&
      services.includes('region-b')
    ) {
      // the worker is down now; stop the tenant clusters while S3 can still take their WAL
      const stopped = await stopTenantClusters(ctx);
      if (stopped.length > 0) ctx.log(`tenant clusters: stopped ${stopped.length}`);
    }
    await Promise.all(
      stage
        .filter((s) => services.includes(s))
        .map(async (name) => {
          const t0 = Date.now();
          try {
            const result = await SERVICES[name].stop(ctx);
            ctx.log(
              `${name}: ${result}${result === 'not-running' ? '' : ` in ${((Date.now() - t0) / 1000).toFixed(1)} s`}`,
            );
          } catch (err) {
            throw new Error(
              `while stopping ${name} (profile ${opts.profile}): ${(err as Error).message}`,
            );
          }
        }),
    );
  }
}

export interface ServiceStatus {
  service: ServiceName;
  pid: number | undefined;
  ports: number[];
  up: boolean;
  /** supervised apps (worker, web): the app's own pid, restarts so far, why it last exited */
  supervision?: {
    childPid: number | null;
    restarts: number;
    lastExit: string | null;
    stopped: string | null;
  };
}

export async function status(opts: StackOptions): Promise<ServiceStatus[]> {
  const ctx = createContext(opts, false);
  const out: ServiceStatus[] = [];
  for (const name of ALL_SERVICES) {
    const svc = SERVICES[name];
    const pid = svc.runningPid(ctx);
    out.push({
      service: name,
      pid,
      ports: svc.ports(ctx),
      up: pid !== undefined && (await svc.healthy(ctx).catch(() => false)),
      ...supervisionOf(ctx, name),
    });
  }
  return out;
}

function supervisionOf(ctx: ServiceContext, name: ServiceName): Pick<ServiceStatus, 'supervision'> {
  if (name !== 'worker' && name !== 'web') return {};
  const s = readSupervisorState(ctx, name);
  if (!s) return {};
  const lastExit = s.lastExit ? `${s.lastExit.reason} at ${s.lastExit.at}` : null;
  return {
    supervision: { childPid: s.childPid, restarts: s.restarts, lastExit, stopped: s.stopped },
  };
}

export { INFRA_SERVICES, ALL_SERVICES };
