import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    const o = { baseMs: 100, maxMs: 1_000 };
    expect([0, 1, 2, 3, 4, 5, 60].map((a) => backoffDelayMs(a, o))).toEqual([
      100, 200, 400, 800, 1_000, 1_000, 1_000,
    ]);
  });

  it('takes away at most the jitter fraction', () => {
    const o = { baseMs: 1_000, maxMs: 1_000, jitter: 0.5 };
    expect(backoffDelayMs(0, o, () => 0)).toBe(1_000);
    expect(backoffDelayMs(0, o, () => 0.999_999)).toBe(500);
  });

  it('refuses a negative or fractional attempt', () => {
    expect(() => backoffDelayMs(-1, { baseMs: 1, maxMs: 1 })).toThrow(/non-negative integer/);
    expect(() => backoffDelayMs(1.5, { baseMs: 1, maxMs: 1 })).toThrow(/non-negative integer/);
  });
});
