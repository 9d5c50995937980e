import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

export async function headBucket(client: RegionClient, abortSignal?: AbortSignal): Promise<void> {
  try {
    await client.s3.send(new HeadBucketCommand({ Bucket: client.region.bucket }), { abortSignal });
  } catch (err) {
    throw wrapS3Error(client, 'checking the bucket', err);
  }
}

/** Creates the region's bucket unless it exists (the stack creates it; tests and tools may not rely on that). */
export async function ensureBucket(client: RegionClient): Promise<void> {
  try {
    await client.s3.send(new HeadBucketCommand({ Bucket: client.region.bucket }));
    return;
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) throw wrapS3Error(client, 'checking the bucket', err);
  }
  try {
    await client.s3.send(new CreateBucketCommand({ Bucket: client.region.bucket }));
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists')
      throw wrapS3Error(client, 'creating the bucket', err);
  }
}
