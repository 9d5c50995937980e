import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { waitForLock } from './wait-for-lock';

const lockHeld = () =>
  new EngineError('running pgbackrest backup', 'exit code 50', {
    exitCode: 50,
    stderrTail: 'unable to acquire lock',
  });

describe('waitForLock', () => {
  it('waits while another pgBackRest process holds the stanza lock, then runs', async () => {
    let calls = 0;
    const result = await waitForLock(async () => {
      calls += 1;
      if (calls < 2) throw lockHeld();
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(2);
  });

  it('gives up with the lock error once the wait is over', async () => {
    await expect(waitForLock(async () => Promise.reject(lockHeld()), 0)).rejects.toThrow(
      /exit code 50/,
    );
  });

  it('does not retry any other failure', async () => {
    let calls = 0;
    const other = new EngineError('running pgbackrest backup', 'exit code 82', { exitCode: 82 });
    await expect(
      waitForLock(async () => {
        calls += 1;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
