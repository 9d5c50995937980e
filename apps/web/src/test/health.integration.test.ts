import { describe, expect, it } from 'vitest';
import { parseStackEnv } from '@rewind/core';

describe('GET /api/health', () => {
  it('is unauthenticated, answers within the probe deadline, 200 with every check green', async () => {
    const { WEB_URL } = parseStackEnv(process.env);
    const started = Date.now();
    const res = await fetch(new URL('/api/health', WEB_URL));
    expect(Date.now() - started).toBeLessThan(5_000);
    const body = (await res.json()) as {
      status: string;
      checks: { name: string; ok: boolean; latencyMs: number; detail?: string }[];
    };
    expect(body.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['control-db', 'temporal', 'pgbackrest', 'postgres']),
    );
    expect(body.checks.filter((c) => c.name.startsWith('region:'))).toHaveLength(2);
    // failing checks named in the assertion message, so a red run says what is down
    expect(body.checks.filter((c) => !c.ok)).toEqual([]);
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
  });
});
