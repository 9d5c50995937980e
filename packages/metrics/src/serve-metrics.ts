import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { metricsRequestAuthorized } from './metrics-auth';

/** The worker's /metrics: its own small HTTP server on loopback, bearer token required. */
export async function serveMetrics(opts: {
  registry: Registry;
  port: number;
  host?: string;
  token: string;
}): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    if (!metricsRequestAuthorized(req.headers.authorization, opts.token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end('unauthorized\n');
      return;
    }
    opts.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': opts.registry.contentType }).end(body),
      (err: unknown) => res.writeHead(500).end(`while collecting metrics: ${String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return server;
}
