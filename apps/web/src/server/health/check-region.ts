import 'server-only';
import type { RegionEnv } from '@rewind/core';
import { createRegionClient, probeRegion, type RegionClient } from '@rewind/storage';

// One client per region for the process: keeps TLS sessions warm between health polls.
const g = globalThis as typeof globalThis & { __rewindHealthRegions?: Map<string, RegionClient> };

function clientFor(region: RegionEnv, caFile: string, timeoutMs: number): RegionClient {
  g.__rewindHealthRegions ??= new Map();
  let client = g.__rewindHealthRegions.get(region.name);
  if (!client) {
    // One attempt: a health probe reports, it does not retry its way past the deadline.
    client = createRegionClient(region, caFile, {
      maxAttempts: 1,
      connectionTimeoutMs: timeoutMs,
      requestTimeoutMs: timeoutMs,
    });
    g.__rewindHealthRegions.set(region.name, client);
  }
  return client;
}

export async function checkRegion(
  region: RegionEnv,
  caFile: string,
  timeoutMs: number,
): Promise<string | void> {
  const probe = await probeRegion(clientFor(region, caFile, timeoutMs), timeoutMs);
  if (!probe.ok) throw new Error(probe.error ?? 'unreachable');
  return `bucket ${region.bucket}`;
}
