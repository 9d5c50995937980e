import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { runCommand } from './run-as-postgres';

describe('runCommand', () => {
  it('captures output and honours extra ok exit codes', async () => {
    const r = await runCommand('sh', ['-c', 'echo out; echo err >&2; exit 3'], {
      context: 'testing',
      okExitCodes: [3],
    });
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
  });

  it('wraps failures with context and the redacted stderr tail', async () => {
    const err = await runCommand(
      'sh',
      ['-c', 'echo "line 1" >&2; echo "key S3CRET-KEY rejected" >&2; exit 2'],
      {
        context: 'running pgbackrest backup for stanza x on repo2 (region-b)',
        secrets: ['S3CRET-KEY'],
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toBe(
      'while running pgbackrest backup for stanza x on repo2 (region-b): exit code 2: line 1\nkey *** rejected',
    );
    expect((err as EngineError).exitCode).toBe(2);
  });

  it('passes stdin and kills on timeout', async () => {
    expect((await runCommand('cat', [], { context: 'cat', input: 'hello' })).stdout).toBe('hello');
    await expect(
      runCommand('sleep', ['5'], { context: 'sleeping', timeoutMs: 200 }),
    ).rejects.toThrow(/while sleeping: timed out after 200 ms/);
  });
});
