import { PutObjectCommand } from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

export async function putObject(
  client: RegionClient,
  key: string,
  body: string | Uint8Array,
  contentType = 'application/octet-stream',
): Promise<{ etag: string | undefined }> {
  try {
    const out = await client.s3.send(
      new PutObjectCommand({
        Bucket: client.region.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
      }),
    );
    return { etag: out.ETag };
  } catch (err) {
    throw wrapS3Error(client, `putting ${key}`, err);
  }
}
