import { z } from 'zod';
import { parseTrustedProxies } from '../http/client-address';

/**
 * The variables `infra` writes to `<dataDir>/stack.env` when it brings a stack up.
 * Every process of the stack (worker, web, CLI, tests) validates them at start-up with
 * this one schema, so a missing or malformed value fails loudly before any work starts.
 */
const port = z.coerce.number().int().min(1).max(65535);

export const regionEnvSchema = z.object({
  name: z.string().min(1),
  endpoint: z.string().url(),
  bucket: z.string().min(3),
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
});
export type RegionEnv = z.infer<typeof regionEnvSchema>;

export const stackEnvSchema = z.object({
  REWIND_PROFILE: z.enum(['dev', 'test']),
  REWIND_DATA_DIR: z.string().min(1),
  REWIND_HOST_ID: z.string().min(1).default('host-1'),
  /**
   * Which task queues this worker process polls: both (the local stack's one worker), only the
   * shared control-plane queue (workflows, catalog activities: a Deployment that scales out), or
   * only `host:<REWIND_HOST_ID>` (a data-plane host's own activities: one pod per host).
   */
  REWIND_WORKER_QUEUES: z.enum(['all', 'control-plane', 'host']).default('all'),
  CONTROL_DATABASE_URL: z.string().startsWith('postgres'),
  CONTROL_DATABASE_PLATFORM_URL: z.string().startsWith('postgres'),
  CONTROL_DATABASE_OWNER_URL: z.string().startsWith('postgres'),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_PORT: port,
  S3_CA_FILE: z.string().min(1),
  REGION_A_NAME: z.string().default('region-a'),
  REGION_A_ENDPOINT: z.string().url(),
  REGION_A_BUCKET: z.string().min(3),
  /** the data-plane hosts' key (pgBackRest): read, write and list the repository bucket, no version deletes past a lock, no governance bypass */
  REGION_A_ACCESS_KEY_ID: z.string().min(1),
  REGION_A_SECRET_ACCESS_KEY: z.string().min(1),
  /** the control plane's key (catalog, audit export, repository recovery): S3 admin of the region */
  REGION_A_CONTROL_ACCESS_KEY_ID: z.string().min(1),
  REGION_A_CONTROL_SECRET_ACCESS_KEY: z.string().min(1),
  REGION_B_NAME: z.string().default('region-b'),
  REGION_B_ENDPOINT: z.string().url(),
  REGION_B_BUCKET: z.string().min(3),
  REGION_B_ACCESS_KEY_ID: z.string().min(1),
  REGION_B_SECRET_ACCESS_KEY: z.string().min(1),
  REGION_B_CONTROL_ACCESS_KEY_ID: z.string().min(1),
  REGION_B_CONTROL_SECRET_ACCESS_KEY: z.string().min(1),
  PG_BIN_DIR: z.string().min(1),
  PGBACKREST_BIN: z.string().min(1),
  INSTANCE_PORT_MIN: port,
  INSTANCE_PORT_MAX: port,
  WEB_PORT: port,
  WEB_URL: z.string().url(),
  NEXTAUTH_SECRET: z.string().min(32),
  REWIND_SECRET_KEY: z.string().regex(/^[0-9a-f]{64}$/, '32-byte hex key'),
  /** bearer token /metrics requires on the web and on the worker (Prometheus has it in a file) */
  REWIND_METRICS_TOKEN: z.string().min(32),
  /** loopback port of the worker's /metrics server */
  WORKER_METRICS_PORT: port,
  /**
   * Reverse proxies whose X-Forwarded-For the audit trail believes: comma-separated addresses
   * or CIDR ranges. Empty (the default): none, the socket peer is the client. Kept a string
   * here (the env is passed on to child processes); parseTrustedProxies builds the matcher.
   */
  REWIND_TRUSTED_PROXIES: z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      try {
        parseTrustedProxies(v);
      } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
      }
    }),
});
export type StackEnv = z.infer<typeof stackEnvSchema>;

export function parseStackEnv(source: Record<string, string | undefined>): StackEnv {
  const parsed = stackEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid stack environment (is the stack up? see infra/): ${problems}`);
  }
  return parsed.data;
}

/** The regions as the data-plane hosts see them: with the hosts' S3 key (pgBackRest, the engine). */
export function regionsFromEnv(env: StackEnv): { a: RegionEnv; b: RegionEnv } {
  return {
    a: {
      name: env.REGION_A_NAME,
      endpoint: env.REGION_A_ENDPOINT,
      bucket: env.REGION_A_BUCKET,
      accessKeyId: env.REGION_A_ACCESS_KEY_ID,
      secretAccessKey: env.REGION_A_SECRET_ACCESS_KEY,
    },
    b: {
      name: env.REGION_B_NAME,
      endpoint: env.REGION_B_ENDPOINT,
      bucket: env.REGION_B_BUCKET,
      accessKeyId: env.REGION_B_ACCESS_KEY_ID,
      secretAccessKey: env.REGION_B_SECRET_ACCESS_KEY,
    },
  };
}

/**
 * The regions with the control plane's S3 key. It never goes to a data-plane host: it may
 * create buckets, set Object Lock and bypass governance retention, which is what a stolen
 * host key must not be able to do (repository recovery and audit export use it).
 */
export function controlRegionsFromEnv(env: StackEnv): { a: RegionEnv; b: RegionEnv } {
  const hosts = regionsFromEnv(env);
  return {
    a: {
      ...hosts.a,
      accessKeyId: env.REGION_A_CONTROL_ACCESS_KEY_ID,
      secretAccessKey: env.REGION_A_CONTROL_SECRET_ACCESS_KEY,
    },
    b: {
      ...hosts.b,
      accessKeyId: env.REGION_B_CONTROL_ACCESS_KEY_ID,
      secretAccessKey: env.REGION_B_CONTROL_SECRET_ACCESS_KEY,
    },
  };
}
