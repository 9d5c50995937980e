import { expect } from 'vitest';
import type { InstanceDetail } from '../lib/api-types';

/** Shared by the /metrics tests: one instance through the public API, restorable in both regions. */
export interface MetricsApi {
  baseUrl: string;
  token: string;
}

export async function api(
  a: MetricsApi,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${a.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${a.token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Creates an instance and waits until both regions have a window (its first backup is in). */
export async function restorableInstance(a: MetricsApi, name: string): Promise<string> {
  const created = await api(a, 'POST', '/api/v1/instances', { name });
  expect(created.status).toBe(201);
  const id = (created.body as { id: string }).id;
  await until(
    `instance ${name} restorable in both regions`,
    async () => {
      const d = (await api(a, 'GET', `/api/v1/instances/${id}`)).body as InstanceDetail;
      if (d.status === 'failed') throw new Error(`instance ${name} failed to provision`);
      const regions = d.window?.regions ?? [];
      return d.status === 'running' &&
        regions.length === 2 &&
        regions.every((r) => r.earliest && r.latest)
        ? d
        : undefined;
    },
    240_000,
    2000,
  );
  return id;
}

/** Prometheus text: the value of the first sample of `name` whose labels include every pair. */
export function sample(text: string, name: string, labels: Record<string, string> = {}) {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const set = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) return Number(m[3]);
  }
  return undefined;
}
