import { ListObjectsV2Command, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

export interface ObjectSummary {
  key: string;
  size: number;
  lastModified: Date | undefined;
}

/** Every object under a prefix, following continuation tokens (a page holds at most 1000). */
export async function listObjects(
  client: RegionClient,
  prefix: string,
  pageSize = 1000,
): Promise<ObjectSummary[]> {
  const out: ObjectSummary[] = [];
  let token: string | undefined;
  do {
    let page: ListObjectsV2CommandOutput;
    try {
      page = await client.s3.send(
        new ListObjectsV2Command({
          Bucket: client.region.bucket,
          Prefix: prefix,
          ContinuationToken: token,
          MaxKeys: pageSize,
        }),
      );
    } catch (err) {
      throw wrapS3Error(client, `listing ${prefix}`, err);
    }
    for (const o of page.Contents ?? []) {
      if (o.Key !== undefined)
        out.push({ key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

export async function listKeys(
  client: RegionClient,
  prefix: string,
  pageSize = 1000,
): Promise<string[]> {
  return (await listObjects(client, prefix, pageSize)).map((o) => o.key);
}

/** Whether anything is stored under a prefix (one request, at most one key). */
export async function hasObjects(client: RegionClient, prefix: string): Promise<boolean> {
  try {
    const page = await client.s3.send(
      new ListObjectsV2Command({ Bucket: client.region.bucket, Prefix: prefix, MaxKeys: 1 }),
    );
    return (page.Contents ?? []).length > 0;
  } catch (err) {
    throw wrapS3Error(client, `listing ${prefix}`, err);
  }
}
