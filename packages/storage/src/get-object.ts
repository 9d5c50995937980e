import { GetObjectCommand } from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

/** Whole object in memory: meant for manifests and small files, not backup payloads. */
export async function getObject(client: RegionClient, key: string): Promise<Buffer> {
  try {
    const out = await client.s3.send(
      new GetObjectCommand({ Bucket: client.region.bucket, Key: key }),
    );
    if (!out.Body) throw new Error('empty response body');
    return Buffer.from(await out.Body.transformToByteArray());
  } catch (err) {
    throw wrapS3Error(client, `getting ${key}`, err);
  }
}
