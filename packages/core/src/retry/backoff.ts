/**
 * Exponential backoff shared by everything that reconnects (control-DB pools, the worker's
 * Temporal workers, the stack's supervisor): attempt 0 waits `baseMs`, each next attempt twice
 * as long, never more than `maxMs`. No jitter by default so callers and tests can reason about it;
 * pass `jitter` (0..1) to spread simultaneous reconnects of many processes.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** fraction of the delay randomised away (0 = none) */
  jitter?: number;
}

export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 0)
    throw new Error(`backoff attempt must be a non-negative integer, got ${attempt}`);
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0));
  return Math.round(exponential * (1 - jitter * random()));
}
