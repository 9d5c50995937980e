import { EngineError } from '../errors';

/** pgBackRest's exit code when another process of the same stanza holds the lock it needs. */
const LOCK_HELD_EXIT_CODE = 50;
const RETRY_MS = 2_000;

/**
 * Runs a pgBackRest command that takes the stanza's backup lock (backup, expire), waiting while
 * another one holds it: a Schedule's backup and an on-demand one can meet, and the one asked
 * for is still wanted afterwards. Default wait: 30 minutes.
 */
export async function waitForLock<T>(run: () => Promise<T>, waitMs = 30 * 60_000): Promise<T> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    try {
      return await run();
    } catch (err) {
      const lockHeld = err instanceof EngineError && err.exitCode === LOCK_HELD_EXIT_CODE;
      if (!lockHeld || Date.now() > giveUpAt) throw err;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}
