import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { REPOSITORY_LOCK_MODE } from '@rewind/core';
import { REPOSITORY_LOCK_DAYS } from '@rewind/db/seed';
import { createRegionClient, ensureDefaultRetention } from '@rewind/storage';
import { VENV_BIN } from './paths';
import type { RegionPorts } from './ports';
import { run, startDetached, waitFor, isAlive } from './process';
import { REGION_BUCKETS } from './stack-env-file';
import { ensureServerCert } from './tls';
import { detachedPid, stopDetached, type ServiceContext, type ServiceDef } from './service';

const WEED = join(VENV_BIN, 'weed');

/** A request over TLS that gets any HTTP answer proves the S3 server is up and our CA is trusted. */
export function httpsAnswers(port: number, caFile: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const req = request(
      {
        host: 'localhost',
        port,
        path: '/',
        method: 'GET',
        ca: readFileSync(caFile),
        timeout: timeoutMs,
      },
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

/**
 * Two S3 identities per region. The data-plane hosts' (in every pgbackrest.conf, so the one an
 * attacker on a host steals) may only read, write and list the repository bucket: no Admin, so
 * no BypassGovernanceRetention, no bucket or lock configuration, and a DeleteObject of a locked
 * version is refused. The control plane's is Admin (Object Lock setup, repository recovery,
 * the audit bucket) and never leaves the control plane.
 */
export function s3Identities(input: {
  bucket: string;
  host: { accessKeyId: string; secretAccessKey: string };
  control: { accessKeyId: string; secretAccessKey: string };
}) {
  const key = (c: { accessKeyId: string; secretAccessKey: string }) => [
    { accessKey: c.accessKeyId, secretKey: c.secretAccessKey },
  ];
  return {
    identities: [
      {
        name: 'rewind-host',
        credentials: key(input.host),
        actions: ['Read', 'Write', 'List'].map((a) => `${a}:${input.bucket}`),
      },
      {
        name: 'rewind-control',
        credentials: key(input.control),
        actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'],
      },
    ],
  };
}

function regionDef(region: 'a' | 'b'): ServiceDef {
  const name = `region-${region}` as const;
  const portsOf = (ctx: ServiceContext): RegionPorts =>
    region === 'a' ? ctx.ports.regionA : ctx.ports.regionB;
  const dataDir = (ctx: ServiceContext) => join(ctx.paths.regionDir(region), 'data');
  // the data dir is unique per profile and region, so it identifies our weed process
  const marker = (ctx: ServiceContext) => `-dir=${dataDir(ctx)}`;

  const def: ServiceDef = {
    name,
    ports: (ctx) => Object.values(portsOf(ctx)),
    runningPid: (ctx) => detachedPid(ctx, name, marker(ctx)),
    async start(ctx) {
      const dir = ctx.paths.regionDir(region);
      mkdirSync(dataDir(ctx), { recursive: true });
      const { cert, key } = await ensureServerCert(ctx.paths.tlsDir, name);
      const s3Config = join(dir, 's3.json');
      writeFileSync(
        s3Config,
        JSON.stringify(
          s3Identities({
            bucket: REGION_BUCKETS[region],
            host: region === 'a' ? ctx.secrets.regionA : ctx.secrets.regionB,
            control: region === 'a' ? ctx.secrets.regionAControl : ctx.secrets.regionBControl,
          }),
          null,
          2,
        ),
        { mode: 0o600 },
      );
      const p = portsOf(ctx);
      startDetached({
        command: WEED,
        args: [
          'server',
          '-ip=127.0.0.1',
          '-ip.bind=127.0.0.1',
          marker(ctx),
          `-master.port=${p.master}`,
          `-master.port.grpc=${p.masterGrpc}`,
          '-master.volumeSizeLimitMB=64',
          '-master.telemetry=false',
          // single-node raft: on restart the master waits one election timeout (10 s default) before leading
          '-master.electionTimeout=1s',
          `-volume.port=${p.volume}`,
          `-volume.port.grpc=${p.volumeGrpc}`,
          '-volume.max=0',
          // default 10 s pause before stopping the volume server only slows `down`: we have no load balancer to drain
          '-volume.preStopSeconds=0',
          '-filer',
          `-filer.port=${p.filer}`,
          `-filer.port.grpc=${p.filerGrpc}`,
          '-s3',
          // with a cert and no -s3.port.https, weed serves TLS on -s3.port and no plain-HTTP S3 listener exists
          `-s3.port=${p.s3}`,
          `-s3.port.grpc=${p.s3Grpc}`,
          `-s3.cert.file=${cert}`,
          `-s3.key.file=${key}`,
          `-s3.config=${s3Config}`,
          '-s3.port.iceberg=0',
          '-s3.port.lance=0',
        ],
        cwd: dir,
        env: process.env,
        logFile: ctx.paths.logFile(name),
        pidFile: ctx.paths.pidFile(name),
      });
    },
    async waitReady(ctx) {
      const pid = def.runningPid(ctx);
      await waitFor(
        `${name} S3 (https://localhost:${portsOf(ctx).s3})`,
        () => httpsAnswers(portsOf(ctx).s3, ctx.paths.caCert),
        60_000,
        {
          alive: () => pid !== undefined && isAlive(pid),
          logFile: ctx.paths.logFile(name),
        },
      );
    },
    async afterReady(ctx) {
      const bucket = REGION_BUCKETS[region];
      // "host:http.grpc": without the explicit grpc port weed shell dials http+10000 and hangs
      const master = `-master=127.0.0.1:${portsOf(ctx).master}.${portsOf(ctx).masterGrpc}`;
      // the filer may answer S3 before it is registered with the master; retry the shell briefly
      let lastError = '';
      await waitFor(
        `${name} bucket ${bucket}`,
        async () => {
          try {
            const { stdout } = await run(WEED, ['shell', master], {
              input: 's3.bucket.list\n',
              timeoutMs: 30_000,
            });
            if (new RegExp(`^\\s*${bucket}\\b`, 'm').test(stdout)) return true;
            // Object Lock can only be had from creation on (it implies versioning)
            await run(WEED, ['shell', master], {
              input: `s3.bucket.create -name ${bucket} -withLock\n`,
              timeoutMs: 30_000,
            });
            const again = await run(WEED, ['shell', master], {
              input: 's3.bucket.list\n',
              timeoutMs: 30_000,
            });
            return new RegExp(`^\\s*${bucket}\\b`, 'm').test(again.stdout);
          } catch (err) {
            lastError = (err as Error).message;
            return false;
          }
        },
        60_000,
      ).catch((err: Error) => {
        throw new Error(
          `${err.message}${lastError ? ` (last weed shell error: ${lastError})` : ''}`,
        );
      });
      // a bucket from before Object Lock was used: enable it (idempotent; SeaweedFS allows it on
      // an existing bucket and turns versioning on); objects already there stay unlocked
      const { stdout } = await run(WEED, ['shell', master], {
        input: `s3.bucket.lock -name ${bucket} -enable\n`,
        timeoutMs: 30_000,
      });
      if (!/Object Lock (is already enabled|enabled successfully)/.test(stdout))
        throw new Error(`${name}: could not enable Object Lock on ${bucket}: ${stdout.trim()}`);
      const control = region === 'a' ? ctx.secrets.regionAControl : ctx.secrets.regionBControl;
      const client = createRegionClient(
        { name, endpoint: `https://localhost:${portsOf(ctx).s3}`, bucket, ...control },
        ctx.paths.caCert,
      );
      try {
        await ensureDefaultRetention(client, bucket, {
          mode: REPOSITORY_LOCK_MODE,
          days: REPOSITORY_LOCK_DAYS,
        });
      } finally {
        client.s3.destroy();
      }
    },
    healthy: (ctx) => httpsAnswers(portsOf(ctx).s3, ctx.paths.caCert),
    // the filer gives its gRPC streams 15 s to drain on SIGTERM; allow that before SIGKILL
    stop: (ctx) => stopDetached(ctx, name, marker(ctx), 30_000),
  };
  return def;
}

export const regionA = regionDef('a');
export const regionB = regionDef('b');
