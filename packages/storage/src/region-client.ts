import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RegionEnv } from '@rewind/core';

export interface RegionClient {
  region: RegionEnv;
  s3: S3Client;
}

export interface RegionClientOptions {
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

/**
 * An S3 client for one region that trusts only our local CA (not the system store, so a
 * certificate from any other issuer is refused) and uses path-style URLs, which the local
 * S3 servers need because bucket subdomains of "localhost" do not resolve.
 */
export function createRegionClient(
  region: RegionEnv,
  caFile: string,
  options: RegionClientOptions = {},
): RegionClient {
  let ca: Buffer;
  try {
    ca = readFileSync(caFile);
  } catch (err) {
    throw new Error(
      `while reading the S3 CA file ${caFile} for ${region.name}: ${(err as Error).message}`,
    );
  }
  const httpsAgent = new Agent({ ca, keepAlive: true, maxSockets: 32 });
  const s3 = new S3Client({
    endpoint: region.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: region.accessKeyId, secretAccessKey: region.secretAccessKey },
    maxAttempts: options.maxAttempts ?? 3,
    // S3-compatible servers lag behind AWS on the default flexible checksums; only send them when required
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: new NodeHttpHandler({
      httpsAgent,
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 60_000,
    }),
  });
  return { region, s3 };
}

/** Error text that always names the region, bucket and operation that failed. */
export function wrapS3Error(client: RegionClient, what: string, err: unknown): Error {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
  return new Error(
    `while ${what} in ${client.region.name} (bucket ${client.region.bucket}): ${e.name ?? 'Error'}: ${e.message ?? String(err)}${status}`,
    { cause: err },
  );
}
