import type { RegionEnv } from '@rewind/core';
import type { CompressType } from '../engine-config';

export interface RepoConfigInput {
  region: RegionEnv;
  /** days a full backup (and the WAL it needs) is kept: `repoN-retention-full` */
  retentionFullDays: number;
}

export interface PgBackRestConfigInput {
  stanza: string;
  pgdata: string;
  port: number;
  socketDir: string;
  spoolPath: string;
  logPath: string;
  lockPath: string;
  caFile: string;
  /** repo1 = region A, repo2 = region B; index in this array + 1 is the repo number */
  repos: readonly [RepoConfigInput, RepoConfigInput];
  /** per-instance repository encryption passphrase (same for both repos) */
  cipherPass: string;
  compressType: CompressType;
  processMax?: number;
}

export interface S3Endpoint {
  host: string;
  port: number;
}

/** pgBackRest wants host and port apart (`repoN-s3-endpoint`, `repoN-storage-port`). */
export function parseS3Endpoint(endpoint: string): S3Endpoint {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`S3 endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
  if (url.protocol !== 'https:') {
    // pgBackRest 2.45 has no plain-HTTP S3 client
    throw new Error(`S3 endpoint ${endpoint} must be https:// (pgBackRest only speaks TLS to S3)`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : 443;
  return { host, port };
}

function assertConfValue(name: string, value: string): void {
  // a newline would let a value inject extra options into the ini file
  if (/[\r\n]/.test(value)) throw new Error(`pgBackRest option ${name} must not contain a newline`);
  if (value.length === 0) throw new Error(`pgBackRest option ${name} must not be empty`);
}

function line(name: string, value: string | number): string {
  const v = String(value);
  assertConfValue(name, v);
  return `${name}=${v}`;
}

/** Renders the one pgbackrest.conf of an instance: two S3 repos (A then B) plus its stanza. */
export function renderPgBackRestConfig(input: PgBackRestConfigInput): string {
  const global: string[] = [];
  input.repos.forEach((repo, i) => {
    const n = `repo${i + 1}`;
    const ep = parseS3Endpoint(repo.region.endpoint);
    if (!Number.isInteger(repo.retentionFullDays) || repo.retentionFullDays < 1) {
      throw new Error(
        `${n} retention must be a whole number of days ≥ 1, got ${repo.retentionFullDays}`,
      );
    }
    global.push(
      `# ${n} = ${repo.region.name}`,
      line(`${n}-type`, 's3'),
      line(`${n}-s3-endpoint`, ep.host),
      line(`${n}-storage-port`, ep.port),
      line(`${n}-s3-bucket`, repo.region.bucket),
      // the local S3 servers do not care about the region name but pgBackRest signs requests with one
      line(`${n}-s3-region`, 'us-east-1'),
      line(`${n}-s3-key`, repo.region.accessKeyId),
      line(`${n}-s3-key-secret`, repo.region.secretAccessKey),
      line(`${n}-s3-uri-style`, 'path'),
      line(`${n}-storage-ca-file`, input.caFile),
      line(`${n}-path`, '/stanzas'),
      line(`${n}-retention-full-type`, 'time'),
      line(`${n}-retention-full`, repo.retentionFullDays),
      line(`${n}-cipher-type`, 'aes-256-cbc'),
      line(`${n}-cipher-pass`, input.cipherPass),
      '',
    );
  });
  global.push(
    line('archive-async', 'y'),
    line('spool-path', input.spoolPath),
    line('lock-path', input.lockPath),
    line('log-path', input.logPath),
    line('log-level-file', 'info'),
    line('process-max', input.processMax ?? 2),
    line('start-fast', 'y'),
    line('compress-type', input.compressType),
  );
  const stanza = [
    line('pg1-path', input.pgdata),
    line('pg1-port', input.port),
    line('pg1-socket-path', input.socketDir),
  ];
  return [
    '# written by @rewind/engine; regenerated on every change, do not edit',
    '[global]',
    ...global,
    '',
    `[${input.stanza}]`,
    ...stanza,
    '',
  ].join('\n');
}
