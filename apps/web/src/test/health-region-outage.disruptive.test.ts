import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseStackEnv } from '@rewind/core';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const env = parseStackEnv(process.env);
const stackScript = fileURLToPath(new URL('../../../../infra/bin/stack.sh', import.meta.url));

interface Health {
  status: string;
  checks: Array<{ name: string; ok: boolean; latencyMs: number; detail?: string }>;
}

async function health(): Promise<{ code: number; body: Health }> {
  const res = await fetch(new URL('/api/health', env.WEB_URL), {
    signal: AbortSignal.timeout(10_000),
  });
  return { code: res.status, body: (await res.json()) as Health };
}

const stack = (...args: string[]) =>
  run('bash', [stackScript, ...args, '--profile', 'test'], { timeout: 180_000 });

async function until(pred: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

describe('/api/health with a region down', () => {
  afterAll(async () => {
    // whatever happened above, leave the stack whole for whoever runs next
    await stack('up', '--only', 'region-b');
  });

  it('is 200 with every dependency green, then 503 naming region B while it is stopped', async () => {
    const before = await health();
    expect(before.code, JSON.stringify(before.body)).toBe(200);
    expect(before.body.status).toBe('ok');
    const names = before.body.checks.map((c) => c.name);
    for (const name of [
      'control-db',
      'temporal',
      'region:region-a',
      'region:region-b',
      'pgbackrest',
      'postgres',
    ]) {
      expect(names).toContain(name);
    }
    expect(before.body.checks.every((c) => c.ok && c.latencyMs >= 0)).toBe(true);

    await stack('down', '--only', 'region-b');
    const during = await health();
    expect(during.code).toBe(503);
    expect(during.body.status).toBe('degraded');
    const failing = during.body.checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failing).toEqual(['region:region-b']);

    await stack('up', '--only', 'region-b');
    await until(async () => (await health()).code === 200, 60_000);
  });
});
