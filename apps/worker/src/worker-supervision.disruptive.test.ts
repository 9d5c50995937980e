import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hostQueue } from '@rewind/workflows/task-queues';
import { loadTestEnv } from '@rewind/engine/testing';
import { describe, expect, it } from 'vitest';
import { alive, appPid, failing, isGreen, untilHealth } from './testing/fault-drill';
import { sleep } from './testing/restore-suite';

// Disruptive: SIGKILLs the stack's worker. Its supervisor is paused first (SIGSTOP), so the
// worker stays dead long enough for /api/health to notice; resumed, it restarts the worker.
const env = loadTestEnv();
const root = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const run = promisify(execFile);

describe('a dead worker', () => {
  it('shows red on /api/health within 30 s, is restarted by the supervisor, and status says why', async () => {
    await untilHealth(env, isGreen, 60_000);
    const supervisor = Number(
      readFileSync(path.join(env.REWIND_DATA_DIR, 'run', 'worker.pid'), 'utf8').trim(),
    );
    const before = appPid(env, 'worker');
    expect(before).not.toBe(supervisor);

    process.kill(supervisor, 'SIGSTOP');
    try {
      process.kill(before, 'SIGKILL');
      for (let i = 0; i < 50 && alive(before); i++) await sleep(100);
      // red within 30 s: both queues' pollers are gone (the untilHealth deadline is the assertion)
      await untilHealth(
        env,
        (h) =>
          failing(h).includes('worker:control-plane') &&
          failing(h).includes(`worker:${hostQueue(env.REWIND_HOST_ID)}`),
        30_000,
      );
    } finally {
      process.kill(supervisor, 'SIGCONT');
    }

    await untilHealth(env, isGreen, 120_000);
    const after = appPid(env, 'worker');
    expect(after).not.toBe(before);
    expect(alive(supervisor)).toBe(true);

    const { stdout } = await run(
      'bash',
      [path.join(root, 'infra/bin/stack.sh'), 'status', '--profile', 'test'],
      { cwd: root },
    );
    const workerLines = stdout
      .split('\n')
      .filter((l, i, all) => l.includes('worker') || all[i - 1]?.includes('worker'));
    expect(workerLines.join('\n')).toMatch(
      new RegExp(`app pid ${after}, restarts [1-9]\\d*, last exit killed by SIGKILL`),
    );
  }, 300_000);
});
