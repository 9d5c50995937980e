import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { listKeys } from './list-keys';
import { wrapS3Error, type RegionClient } from './region-client';

export async function deleteObject(client: RegionClient, key: string): Promise<void> {
  try {
    await client.s3.send(new DeleteObjectCommand({ Bucket: client.region.bucket, Key: key }));
  } catch (err) {
    throw wrapS3Error(client, `deleting ${key}`, err);
  }
}

/**
 * One DeleteObject per key rather than DeleteObjects: the batch call needs a Content-MD5
 * checksum that S3-compatible servers handle inconsistently. Returns how many were deleted.
 */
export async function deletePrefix(client: RegionClient, prefix: string): Promise<number> {
  if (prefix === '')
    throw new Error(`refusing to delete every object in ${client.region.bucket}: empty prefix`);
  const keys = await listKeys(client, prefix);
  const concurrency = 8;
  for (let i = 0; i < keys.length; i += concurrency) {
    await Promise.all(keys.slice(i, i + concurrency).map((k) => deleteObject(client, k)));
  }
  return keys.length;
}
