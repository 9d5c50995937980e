import { createServer } from 'node:net';
import type { Profile } from './paths';

/** Ports of one SeaweedFS server (one region). Only these listen: see seaweed.ts. */
export interface RegionPorts {
  master: number;
  masterGrpc: number;
  volume: number;
  volumeGrpc: number;
  filer: number;
  filerGrpc: number;
  /** the only S3 port, TLS-only (weed serves TLS on -s3.port when a cert is given) */
  s3: number;
  s3Grpc: number;
}

export interface PortLayout {
  base: number;
  web: number;
  controlPg: number;
  temporalGrpc: number;
  temporalUi: number;
  temporalHttp: number;
  temporalMetrics: number;
  /** the worker's /metrics (loopback, bearer token) */
  workerMetrics: number;
  prometheus: number;
  alertmanager: number;
  regionA: RegionPorts;
  regionB: RegionPorts;
  instanceMin: number;
  instanceMax: number;
}

/**
 * Below Linux's ephemeral range (32768–60999 by default): a service stopped for a moment (the
 * disruptive tests stop regions, a supervisor restarts a crashed process) must find its port
 * free again, and an outgoing connection may take any free port inside that range.
 */
export const PROFILE_PORT_BASE: Record<Profile, number> = { dev: 24300, test: 25300 };

/** The env var that moves each port, named in "port taken" errors so the fix is obvious. */
export const PORT_ENV = {
  base: 'REWIND_PORT_BASE',
  web: 'REWIND_WEB_PORT',
  controlPg: 'REWIND_CONTROL_PG_PORT',
  temporalGrpc: 'REWIND_TEMPORAL_PORT',
  temporalUi: 'REWIND_TEMPORAL_UI_PORT',
  temporalHttp: 'REWIND_TEMPORAL_HTTP_PORT',
  temporalMetrics: 'REWIND_TEMPORAL_METRICS_PORT',
  workerMetrics: 'REWIND_WORKER_METRICS_PORT',
  prometheus: 'REWIND_PROMETHEUS_PORT',
  alertmanager: 'REWIND_ALERTMANAGER_PORT',
  regionA: 'REWIND_REGION_A_PORT_BASE',
  regionB: 'REWIND_REGION_B_PORT_BASE',
  instanceMin: 'REWIND_INSTANCE_PORT_MIN',
  instanceMax: 'REWIND_INSTANCE_PORT_MAX',
} as const;

function envPort(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`${name}=${raw} is not a valid port number`);
  }
  return n;
}

export function regionPorts(first: number): RegionPorts {
  return {
    master: first,
    masterGrpc: first + 1,
    volume: first + 2,
    volumeGrpc: first + 3,
    filer: first + 4,
    filerGrpc: first + 5,
    s3: first + 6,
    s3Grpc: first + 7,
  };
}

export function computePorts(
  profile: Profile,
  env: Record<string, string | undefined> = process.env,
): PortLayout {
  const base = envPort(env, PORT_ENV.base, PROFILE_PORT_BASE[profile]);
  const layout: PortLayout = {
    base,
    web: envPort(env, PORT_ENV.web, base),
    controlPg: envPort(env, PORT_ENV.controlPg, base + 1),
    temporalGrpc: envPort(env, PORT_ENV.temporalGrpc, base + 2),
    temporalUi: envPort(env, PORT_ENV.temporalUi, base + 3),
    temporalHttp: envPort(env, PORT_ENV.temporalHttp, base + 4),
    temporalMetrics: envPort(env, PORT_ENV.temporalMetrics, base + 5),
    workerMetrics: envPort(env, PORT_ENV.workerMetrics, base + 6),
    prometheus: envPort(env, PORT_ENV.prometheus, base + 7),
    alertmanager: envPort(env, PORT_ENV.alertmanager, base + 8),
    regionA: regionPorts(envPort(env, PORT_ENV.regionA, base + 10)),
    regionB: regionPorts(envPort(env, PORT_ENV.regionB, base + 20)),
    instanceMin: envPort(env, PORT_ENV.instanceMin, base + 100),
    instanceMax: envPort(env, PORT_ENV.instanceMax, base + 199),
  };
  if (layout.instanceMin > layout.instanceMax) {
    throw new Error(`instance port range is empty: ${layout.instanceMin} > ${layout.instanceMax}`);
  }
  if (
    layout.regionA.s3Grpc > 65535 ||
    layout.regionB.s3Grpc > 65535 ||
    layout.instanceMax > 65535
  ) {
    throw new Error(`port base ${base} pushes the layout past 65535; lower ${PORT_ENV.base}`);
  }
  return layout;
}

/** Every port a service listens on, with the env var that moves it. */
export function servicePorts(
  layout: PortLayout,
  service: string,
): { port: number; envVar: string }[] {
  const region = (r: RegionPorts, envVar: string) =>
    Object.values(r).map((port) => ({ port, envVar }));
  switch (service) {
    case 'control-pg':
      return [{ port: layout.controlPg, envVar: PORT_ENV.controlPg }];
    case 'region-a':
      return region(layout.regionA, PORT_ENV.regionA);
    case 'region-b':
      return region(layout.regionB, PORT_ENV.regionB);
    case 'temporal':
      return [
        { port: layout.temporalGrpc, envVar: PORT_ENV.temporalGrpc },
        { port: layout.temporalUi, envVar: PORT_ENV.temporalUi },
        { port: layout.temporalHttp, envVar: PORT_ENV.temporalHttp },
        { port: layout.temporalMetrics, envVar: PORT_ENV.temporalMetrics },
      ];
    case 'web':
      return [{ port: layout.web, envVar: PORT_ENV.web }];
    case 'worker':
      return [{ port: layout.workerMetrics, envVar: PORT_ENV.workerMetrics }];
    case 'prometheus':
      return [{ port: layout.prometheus, envVar: PORT_ENV.prometheus }];
    case 'alertmanager':
      return [{ port: layout.alertmanager, envVar: PORT_ENV.alertmanager }];
    default:
      return [];
  }
}

/** Duplicates inside one layout would make two of our own services fight; catch it before starting anything. */
export function findPortClashes(layout: PortLayout): string[] {
  const seen = new Map<number, string>();
  const clashes: string[] = [];
  for (const service of [
    'web',
    'worker',
    'control-pg',
    'temporal',
    'region-a',
    'region-b',
    'prometheus',
    'alertmanager',
  ]) {
    for (const { port } of servicePorts(layout, service)) {
      const other = seen.get(port);
      if (other !== undefined && other !== service)
        clashes.push(`port ${port} used by both ${other} and ${service}`);
      seen.set(port, service);
    }
  }
  for (const [port, service] of seen) {
    if (port >= layout.instanceMin && port <= layout.instanceMax) {
      clashes.push(
        `port ${port} of ${service} lies in the tenant instance range ${layout.instanceMin}-${layout.instanceMax}`,
      );
    }
  }
  return clashes;
}

/** Binding 127.0.0.1 also fails when something holds 0.0.0.0:port, which is what we want to detect. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.once('listening', () => server.close(() => resolvePromise(true)));
    server.listen({ port, host, exclusive: true });
  });
}

export async function assertPortsFree(layout: PortLayout, service: string): Promise<void> {
  for (const { port, envVar } of servicePorts(layout, service)) {
    if (!(await isPortFree(port))) {
      throw new Error(
        `port ${port} needed by ${service} is already in use by another process (not this stack's ${service}); ` +
          `stop that process or move the port with ${envVar}=<port> (or ${PORT_ENV.base} for the whole stack)`,
      );
    }
  }
}
