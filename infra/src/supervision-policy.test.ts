import { describe, expect, it } from 'vitest';
import { decideAfterExit, describeExit, type SupervisionPolicy } from './supervision-policy';

const policy: SupervisionPolicy = {
  baseMs: 1_000,
  maxMs: 8_000,
  stableAfterMs: 60_000,
  maxQuickFailures: 4,
};

describe('decideAfterExit (Restart=on-failure)', () => {
  it('does not restart a clean exit', () => {
    expect(decideAfterExit({ code: 0, signal: null, ranForMs: 10 }, 0, policy)).toMatchObject({
      action: 'stop',
    });
  });

  it('restarts a crash or a kill with a growing, capped delay', () => {
    const delays: number[] = [];
    let quick = 0;
    for (let i = 0; i < 3; i++) {
      const d = decideAfterExit({ code: null, signal: 'SIGKILL', ranForMs: 5_000 }, quick, policy);
      if (d.action !== 'restart') throw new Error('expected a restart');
      delays.push(d.delayMs);
      quick = d.quickFailures;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
  });

  it('starts the backoff over after a child that ran long enough', () => {
    expect(decideAfterExit({ code: 1, signal: null, ranForMs: 120_000 }, 3, policy)).toEqual({
      action: 'restart',
      delayMs: 1_000,
      quickFailures: 0,
    });
  });

  it('gives up on a crash loop', () => {
    const d = decideAfterExit({ code: 1, signal: null, ranForMs: 100 }, 3, policy);
    expect(d).toMatchObject({
      action: 'stop',
      why: expect.stringMatching(/gave up after 4 failures/),
    });
  });
});

describe('describeExit', () => {
  it('names the signal or the code, and the last error line', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('killed by SIGKILL');
    expect(describeExit({ code: 1, signal: null }, 'worker: fatal: boom')).toBe(
      'exit code 1: worker: fatal: boom',
    );
  });
});
