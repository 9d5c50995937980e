import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './restore-suite';

/**
 * One Toxiproxy server of a drill's own (the binary infra/bin/install.sh builds into
 * .tools/bin), with one TCP proxy in front of one S3 region. Only what is pointed at the proxy's
 * listener sees the faults; TLS passes through untouched (the certificate names localhost).
 */
const root = path.resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const BIN = path.join(root, '.tools/bin/toxiproxy-server');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Toxiproxy {
  /** `https://localhost:<listen port>`: the region's endpoint through the proxy */
  endpoint: string;
  flap(options: { resetToxicity: number; latencyMs: number }): Promise<void>;
  calm(): Promise<void>;
  close(): Promise<void>;
}

export async function startToxiproxy(upstreamEndpoint: string): Promise<Toxiproxy> {
  const upstream = new URL(upstreamEndpoint);
  const apiPort = await freePort();
  const listenPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const child: ChildProcess = spawn(BIN, ['-host', '127.0.0.1', '-port', String(apiPort)], {
    stdio: 'ignore',
  });
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${api}${p}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok && res.status !== 404)
      throw new Error(`toxiproxy ${method} ${p}: ${res.status} ${await res.text()}`);
  };
  for (let i = 0; ; i++) {
    const up = await fetch(`${api}/version`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 100) throw new Error(`toxiproxy-server did not answer on ${api}`);
    await sleep(100);
  }
  await call('POST', '/proxies', {
    name: 's3',
    listen: `127.0.0.1:${listenPort}`,
    upstream: `127.0.0.1:${upstream.port}`,
    enabled: true,
  });
  return {
    endpoint: `https://${upstream.hostname}:${listenPort}`,
    async flap({ resetToxicity, latencyMs }) {
      // reset_peer with timeout 0: a TCP RST on the first data of that share of connections
      await call('POST', '/proxies/s3/toxics', {
        name: 'reset',
        type: 'reset_peer',
        stream: 'downstream',
        toxicity: resetToxicity,
        attributes: { timeout: 0 },
      });
      for (const stream of ['downstream'])
        await call('POST', '/proxies/s3/toxics', {
          name: `latency-${stream}`,
          type: 'latency',
          stream,
          toxicity: 1,
          attributes: { latency: latencyMs, jitter: 0 },
        });
    },
    async calm() {
      for (const t of ['reset', 'latency-downstream'])
        await call('DELETE', `/proxies/s3/toxics/${t}`);
    },
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}
