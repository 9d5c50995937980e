import { backoffDelayMs, type BackoffOptions } from '@rewind/core';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { waitUntilRunning } from './create-workers';

export interface KeepWorkersRunningInput {
  connect: () => Promise<NativeConnection>;
  createWorkers: (connection: NativeConnection) => Promise<Worker[]>;
  /** called each time every worker polls: `restarts` is 0 the first time, then 1, 2, … */
  onPolling: (restarts: number) => Promise<void> | void;
  log: (line: string) => void;
  /** true once the process was asked to stop (the Runtime then shuts the workers down) */
  stopping: () => boolean;
  backoff?: BackoffOptions;
}

/**
 * Runs the workers until the process is asked to stop, and rebuilds them in-process when
 * Temporal goes away for longer than the SDK's own poll retries (the Rust core gives up and
 * `run()` rejects with a transport error) or cannot be reached at start-up. The process keeps its
 * pid, its pools and its bundled workflows; only the connection and the Worker objects are new.
 * Resolves when the workers stopped because of a shutdown signal.
 */
export async function keepWorkersRunning(input: KeepWorkersRunningInput): Promise<void> {
  const backoff = input.backoff ?? { baseMs: 500, maxMs: 10_000 };
  let failures = 0;
  let polled = 0;
  while (!input.stopping()) {
    let connection: NativeConnection | undefined;
    let workers: Worker[] = [];
    try {
      connection = await input.connect();
      workers = await input.createWorkers(connection);
      const running = Promise.all(workers.map((w) => w.run()));
      // a worker that fails before polling rejects `running` first
      await Promise.race([waitUntilRunning(workers), running]);
      failures = 0;
      await input.onPolling(polled++);
      await running;
      if (input.stopping()) return;
      // run() resolved without a stop request: something shut the workers down; poll again
      input.log('workers stopped without a shutdown request; starting them again');
    } catch (err) {
      if (input.stopping()) return;
      input.log(
        `workers failed: ${describe(err)}; starting them again in ${backoffDelayMs(failures, backoff)} ms`,
      );
      await shutDown(workers);
      await new Promise((r) => setTimeout(r, backoffDelayMs(failures, backoff)));
      failures++;
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }
}

/** The sibling of a failed worker still polls: stop it and wait, so two never poll one queue from here. */
async function shutDown(workers: Worker[]): Promise<void> {
  for (const w of workers) {
    if (w.getState() === 'RUNNING') {
      try {
        w.shutdown();
      } catch {
        // already stopping
      }
    }
  }
  const deadline = Date.now() + 30_000;
  while (
    workers.some((w) => !['STOPPED', 'FAILED', 'INITIALIZED'].includes(w.getState())) &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);
}
