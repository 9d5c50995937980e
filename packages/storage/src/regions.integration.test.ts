import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionsFromEnv, type RegionEnv } from '@rewind/core';
import { loadStackEnv } from '../../../infra/src/stack-env-file';
import {
  createRegionClient,
  deleteObject,
  deletePrefix,
  getObject,
  headBucket,
  listKeys,
  probeRegion,
  putObject,
} from './index';

const env = loadStackEnv('test');
const regions = regionsFromEnv(env);
const runId = `storage-it/${randomUUID()}`;

describe.each([
  ['region A', regions.a],
  ['region B', regions.b],
])('%s over TLS', (_label, region: RegionEnv) => {
  const client = createRegionClient(region, env.S3_CA_FILE);
  const prefix = `${runId}/${region.name}/`;

  afterAll(async () => {
    await deletePrefix(client, prefix);
  });

  it('answers HeadBucket on an https endpoint', async () => {
    expect(region.endpoint.startsWith('https://')).toBe(true);
    await headBucket(client);
  });

  it('puts, gets, lists (paginated) and deletes objects', async () => {
    const body = `hello from ${region.name} ${Date.now()}`;
    await putObject(client, `${prefix}greeting.txt`, body, 'text/plain');
    expect((await getObject(client, `${prefix}greeting.txt`)).toString('utf8')).toBe(body);

    const binary = new Uint8Array(256 * 1024).map((_, i) => i % 251);
    await putObject(client, `${prefix}blob.bin`, binary);
    expect(Buffer.compare(await getObject(client, `${prefix}blob.bin`), Buffer.from(binary))).toBe(
      0,
    );

    for (let i = 0; i < 5; i++) await putObject(client, `${prefix}many/${i}`, String(i));
    // page size 2 forces three pages: proves continuation tokens are followed
    expect((await listKeys(client, `${prefix}many/`, 2)).sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `${prefix}many/${i}`),
    );

    await deleteObject(client, `${prefix}greeting.txt`);
    expect(await listKeys(client, `${prefix}greeting`)).toEqual([]);
    await expect(getObject(client, `${prefix}greeting.txt`)).rejects.toThrow(
      new RegExp(`getting ${prefix}greeting.txt in ${region.name}`),
    );

    expect(await deletePrefix(client, `${prefix}many/`)).toBe(5);
    expect(await listKeys(client, `${prefix}many/`)).toEqual([]);
  });

  it('probes healthy with a latency', async () => {
    const probe = await probeRegion(client);
    expect(probe).toMatchObject({ region: region.name, ok: true });
    expect(probe.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses plain HTTP on the S3 port (TLS only)', async () => {
    const port = Number(new URL(region.endpoint).port);
    const answer = await new Promise<{ status: number | undefined; body: string }>(
      (resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/', method: 'GET', timeout: 3000 },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode, body }));
          },
        );
        req.on('error', reject);
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.end();
      },
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/HTTP request to an HTTPS server/);

    const plain = createRegionClient(
      { ...region, endpoint: region.endpoint.replace('https://', 'http://') },
      env.S3_CA_FILE,
      { maxAttempts: 1 },
    );
    await expect(putObject(plain, `${prefix}plain.txt`, 'x')).rejects.toThrow();
    expect((await probeRegion(plain)).ok).toBe(false);
  });
});

describe('certificate trust', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rewind-untrusted-ca-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'ca.key'),
        '-out',
        join(dir, 'ca.crt'),
        '-days',
        '1',
        '-subj',
        '/CN=Untrusted CA',
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects the server certificate when the client trusts another CA', async () => {
    const client = createRegionClient(regions.a, join(dir, 'ca.crt'), { maxAttempts: 1 });
    await expect(headBucket(client)).rejects.toThrow(/certificate|self.signed|issuer/i);
    const probe = await probeRegion(client);
    expect(probe.ok).toBe(false);
    expect(probe.error).toMatch(/certificate|self.signed|issuer/i);
  });

  it('rejects wrong credentials', async () => {
    const client = createRegionClient(
      { ...regions.a, secretAccessKey: 'not-the-secret-key-at-all-0000000000000' },
      env.S3_CA_FILE,
      { maxAttempts: 1 },
    );
    await expect(putObject(client, `${runId}/denied.txt`, 'x')).rejects.toThrow(/region-a/);
  });
});

describe('probeRegion never hangs', () => {
  let silent: Server;
  let port = 0;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // accepts TCP and never says a word: the worst case for a health check
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('gives up after its timeout on a silent server', async () => {
    const client = createRegionClient(
      { ...regions.a, endpoint: `https://localhost:${port}` },
      env.S3_CA_FILE,
    );
    const started = Date.now();
    const probe = await probeRegion(client, 500);
    expect(probe.ok).toBe(false);
    expect(probe.error).toMatch(/within 500 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
