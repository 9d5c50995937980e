import { describe, expect, it } from 'vitest';
import { runCheck } from './check';

describe('runCheck', () => {
  it('reports ok with the detail the probe returned', async () => {
    const c = await runCheck('x', 500, async () => 'v1.2');
    expect(c).toMatchObject({ name: 'x', ok: true, detail: 'v1.2' });
  });

  it('reports a failure with a one-line detail', async () => {
    const c = await runCheck('x', 500, async () => {
      throw new Error('boom\nstack line');
    });
    expect(c).toMatchObject({ ok: false, detail: 'boom' });
  });

  it('never waits past its deadline, and aborts the probe', async () => {
    let aborted = false;
    const started = Date.now();
    const c = await runCheck('slow', 100, (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => undefined);
    });
    expect(c.ok).toBe(false);
    expect(c.detail).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(aborted).toBe(true);
  });
});
