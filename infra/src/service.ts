import type { StackPaths } from './paths';
import type { PortLayout } from './ports';
import type { StackSecrets } from './secrets';
import { groupAlive, isAlive, isOurProcess, readPid, removePid, stopGroup } from './process';

export type ServiceName =
  | 'control-pg'
  | 'region-a'
  | 'region-b'
  | 'temporal'
  | 'prometheus'
  | 'alertmanager'
  | 'worker'
  | 'web';
export const INFRA_SERVICES: readonly ServiceName[] = [
  'control-pg',
  'region-a',
  'region-b',
  'temporal',
  'prometheus',
  'alertmanager',
];
export const ALL_SERVICES: readonly ServiceName[] = [...INFRA_SERVICES, 'worker', 'web'];

export interface ServiceContext {
  paths: StackPaths;
  ports: PortLayout;
  secrets: StackSecrets;
  /** the rendered stack.env, handed to app processes and migrations */
  stackEnv: Record<string, string>;
  webMode: 'dev' | 'start';
  log: (message: string) => void;
}

export interface ServiceDef {
  name: ServiceName;
  ports: (ctx: ServiceContext) => number[];
  /** pid of our own running instance, if any (never a foreign process that reused the pid) */
  runningPid: (ctx: ServiceContext) => number | undefined;
  start: (ctx: ServiceContext) => Promise<void>;
  waitReady: (ctx: ServiceContext) => Promise<void>;
  /** work after readiness that must also run when the service was already up (idempotent) */
  afterReady?: (ctx: ServiceContext) => Promise<void>;
  healthy: (ctx: ServiceContext) => Promise<boolean>;
  stop: (ctx: ServiceContext) => Promise<string>;
}

/** For services we spawn ourselves: pid file = process group leader, identified by a cmdline marker. */
export function detachedPid(
  ctx: ServiceContext,
  name: ServiceName,
  marker: string,
): number | undefined {
  const pid = readPid(ctx.paths.pidFile(name));
  return pid !== undefined && isOurProcess(pid, marker) ? pid : undefined;
}

export async function stopDetached(
  ctx: ServiceContext,
  name: ServiceName,
  marker: string,
  timeoutMs = 15_000,
): Promise<string> {
  const pidFile = ctx.paths.pidFile(name);
  const pid = readPid(pidFile);
  if (pid === undefined) return 'not-running';
  let result = 'not-running';
  if (isOurProcess(pid, marker)) {
    result = await stopGroup(pid, timeoutMs);
  } else if (!isAlive(pid) && groupAlive(pid)) {
    // leader gone but members of its group survive; Linux never hands out a pid still used as a
    // process group id, so this group can only be the one we created
    result = await stopGroup(pid, timeoutMs);
  }
  removePid(pidFile);
  return result;
}
