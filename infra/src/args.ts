import { parseProfile, type Profile } from './paths';
import { ALL_SERVICES, INFRA_SERVICES, type ServiceName } from './service';

const USAGE = `usage: stack.sh up|down|status [--profile dev|test] [--only <service>[,<service>]]
         up: [--with-worker] [--with-web] [--web-mode dev|start]
services: ${ALL_SERVICES.join(', ')}   (REWIND_PROFILE also selects the profile)`;

export interface Args {
  command: 'up' | 'down' | 'status';
  profile: Profile;
  only: ServiceName[] | undefined;
  withWorker: boolean;
  withWeb: boolean;
  webMode: 'dev' | 'start';
}

export function parseArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Args {
  const [command, ...rest] = argv;
  if (command !== 'up' && command !== 'down' && command !== 'status') throw new Error(USAGE);
  let profile = env.REWIND_PROFILE;
  let only: ServiceName[] | undefined;
  let withWorker = false;
  let withWeb = false;
  let webMode: 'dev' | 'start' = 'dev';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--profile') profile = value();
    else if (arg?.startsWith('--profile=')) profile = arg.slice('--profile='.length);
    else if (arg === '--only') only = parseServices(value());
    else if (arg?.startsWith('--only=')) only = parseServices(arg.slice('--only='.length));
    else if (arg === '--with-worker') withWorker = true;
    else if (arg === '--with-web') withWeb = true;
    else if (arg === '--web-mode') {
      const m = value();
      if (m !== 'dev' && m !== 'start')
        throw new Error(`--web-mode must be dev or start, not ${m}`);
      webMode = m;
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return { command, profile: parseProfile(profile), only, withWorker, withWeb, webMode };
}

function parseServices(list: string): ServiceName[] {
  return list.split(',').map((s) => {
    const name = s.trim();
    if (!(ALL_SERVICES as readonly string[]).includes(name))
      throw new Error(`unknown service "${name}" (known: ${ALL_SERVICES.join(', ')})`);
    return name as ServiceName;
  });
}

export function servicesFor(args: Args): ServiceName[] {
  if (args.only) return args.only;
  if (args.command === 'down') return [...ALL_SERVICES];
  return [
    ...INFRA_SERVICES,
    ...(args.withWorker ? (['worker'] as const) : []),
    ...(args.withWeb ? (['web'] as const) : []),
  ];
}
