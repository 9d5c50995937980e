import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { RegionClient } from './region-client';

export interface RegionProbe {
  region: string;
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/**
 * For /api/health: one HeadBucket bounded by a hard deadline. The abort signal cuts the
 * request and any SDK retries, so the probe returns within timeoutMs even when the server
 * accepts the connection and never answers. It never throws.
 */
export async function probeRegion(client: RegionClient, timeoutMs = 2000): Promise<RegionProbe> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([
      client.s3.send(new HeadBucketCommand({ Bucket: client.region.bucket }), {
        abortSignal: controller.signal,
      }),
      deadline,
    ]);
    return {
      region: client.region.name,
      ok: true,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    const message = controller.signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : `${e.name ?? 'Error'}: ${e.message || (status ? `HTTP ${status}` : String(err))}`;
    return {
      region: client.region.name,
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: message,
    };
  } finally {
    clearTimeout(timer);
  }
}
