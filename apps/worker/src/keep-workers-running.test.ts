import type { NativeConnection, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { keepWorkersRunning } from './keep-workers-running';

/** A Worker as far as keepWorkersRunning looks at it: state, run(), shutdown(). */
function fakeWorker(script: { failAfterMs?: number }, onRun: () => void) {
  let state = 'INITIALIZED';
  let finish: (() => void) | undefined;
  const w = {
    getState: () => state,
    options: { taskQueue: 'q' },
    run: () => {
      onRun();
      state = 'RUNNING';
      return new Promise<void>((resolve, reject) => {
        finish = () => {
          state = 'STOPPED';
          resolve();
        };
        if (script.failAfterMs !== undefined) {
          setTimeout(() => {
            state = 'FAILED';
            reject(new Error('Unavailable: tcp connect error'));
          }, script.failAfterMs);
        }
      });
    },
    shutdown: () => finish?.(),
  };
  return w as unknown as Worker & { shutdown(): void };
}

describe('keepWorkersRunning', () => {
  it('retries a failed connect, rebuilds failed workers in-process, and returns once asked to stop', async () => {
    const lines: string[] = [];
    const polling: number[] = [];
    let connects = 0;
    let runs = 0;
    let stopping = false;
    let round = 0;
    let live: Array<Worker & { shutdown(): void }> = [];
    await keepWorkersRunning({
      connect: async () => {
        connects++;
        if (connects <= 2) throw new Error('connect ECONNREFUSED');
        return { close: async () => undefined } as unknown as NativeConnection;
      },
      createWorkers: async () => {
        round++;
        // round 1: one worker fails after polling (its sibling must be shut down); round 2: stays up
        live =
          round === 1
            ? [fakeWorker({ failAfterMs: 20 }, () => runs++), fakeWorker({}, () => runs++)]
            : [fakeWorker({}, () => runs++)];
        return live;
      },
      onPolling: (r) => {
        polling.push(r);
        if (polling.length === 2) {
          // the process is asked to stop: the Runtime shuts the workers down
          stopping = true;
          setTimeout(() => live.forEach((w) => w.shutdown()), 10);
        }
      },
      log: (l) => lines.push(l),
      stopping: () => stopping,
      backoff: { baseMs: 1, maxMs: 5 },
    });
    expect(connects).toBe(4);
    expect(runs).toBe(3);
    expect(polling).toEqual([0, 1]);
    expect(lines.filter((l) => l.startsWith('workers failed'))).toHaveLength(3);
    expect(lines.some((l) => l.includes('Unavailable: tcp connect error'))).toBe(true);
  });
});
