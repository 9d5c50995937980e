import pg from 'pg';
import { backoffDelayMs, type BackoffOptions } from '@rewind/core';
import { isTransientConnectionError } from './connection-errors';

export interface ResilientPoolOptions extends pg.PoolConfig {
  /** names the pool in log lines ("control-db pool rewind-worker: …") */
  label: string;
  /** how long opening a connection keeps retrying while PostgreSQL restarts (default 20 s) */
  retryForMs?: number;
  backoff?: BackoffOptions;
  log?: (line: string) => void;
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * A pg Pool that survives a restart of the control-plane PostgreSQL:
 * - every client, idle or checked out, has an 'error' listener, so a server that terminates
 *   connections (`pg_ctl restart`, failover, `pg_terminate_backend`) never reaches node's
 *   "Unhandled 'error' event" and kills the process; the pool drops the broken client;
 * - opening a connection is retried with exponential backoff on transient errors (refused,
 *   starting up, shutting down) for up to `retryForMs`; a query already sent is never
 *   replayed, so its caller sees the error (an activity retries under Temporal's policy, a web
 *   request answers 503).
 * `pool.query` goes through `connect`, so both paths retry.
 */
export class ResilientPool extends pg.Pool {
  private readonly label: string;
  private readonly retryForMs: number;
  private readonly backoff: BackoffOptions;
  private readonly warn: (line: string) => void;
  private readonly guarded = new WeakSet<pg.PoolClient>();

  constructor(options: ResilientPoolOptions) {
    const { label, retryForMs, backoff, log, ...config } = options;
    super(config);
    this.label = label;
    this.retryForMs = retryForMs ?? 20_000;
    this.backoff = backoff ?? { baseMs: 100, maxMs: 2_000 };
    this.warn = log ?? ((line) => console.warn(`${new Date().toISOString()} ${line}`));
    // an idle client's error arrives here; the pool has already discarded the client
    this.on('error', (err) =>
      this.warn(`control-db pool ${this.label}: idle connection lost: ${err.message}`),
    );
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const connecting = this.connectWithRetry();
    if (!callback) return connecting;
    connecting.then(
      (client) =>
        callback(undefined, client, (release) =>
          client.release(release as boolean | Error | undefined),
        ),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }

  private async connectWithRetry(): Promise<pg.PoolClient> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const client = await super.connect();
        this.guard(client);
        if (attempt > 0)
          this.warn(`control-db pool ${this.label}: connected again after ${attempt} retries`);
        return client;
      } catch (err) {
        const delay = backoffDelayMs(attempt, this.backoff);
        if (
          !isTransientConnectionError(err) ||
          this.ending ||
          Date.now() - started + delay > this.retryForMs
        ) {
          throw wrapConnectError(err, this.label);
        }
        if (attempt === 0)
          this.warn(
            `control-db pool ${this.label}: cannot connect (${(err as Error).message}); retrying`,
          );
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** A checked-out client has no pool listener: without this one, an error between queries would crash. */
  private guard(client: pg.PoolClient): void {
    if (this.guarded.has(client)) return;
    this.guarded.add(client);
    client.on('error', (err) =>
      this.warn(`control-db pool ${this.label}: connection in use lost: ${err.message}`),
    );
  }
}

function wrapConnectError(err: unknown, label: string): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  const wrapped = new Error(
    `while connecting to the control-plane database (${label}): ${e.message}`,
    { cause: e },
  );
  // keep the SQLSTATE / errno so callers (and isTransientConnectionError) still classify it
  const code = (e as { code?: unknown }).code;
  if (code !== undefined) Object.assign(wrapped, { code });
  return wrapped;
}

/**
 * For one-off clients (migrations, scratch databases, tests): an 'error' listener so a server
 * restart rejects the pending query instead of crashing the process.
 */
export function guardClient<T extends pg.Client>(
  client: T,
  label: string,
  log: (line: string) => void = (l) => console.warn(l),
): T {
  client.on('error', (err) => log(`${label}: connection lost: ${err.message}`));
  return client;
}
