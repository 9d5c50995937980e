import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

export interface PutLockedObjectResult {
  versionId: string | undefined;
  /** the key already held exactly these bytes (an earlier attempt wrote it, then failed to record it) */
  alreadyPresent: boolean;
}

/**
 * Writes an object once, under COMPLIANCE retention until `retainUntil`. `If-None-Match: *`
 * refuses to put a second version over an existing key; if the existing object has the same
 * bytes, that is our own earlier attempt and counts as success, anything else is an error.
 */
export async function putLockedObject(
  client: RegionClient,
  input: { bucket: string; key: string; body: string; contentType: string; retainUntil: Date },
): Promise<PutLockedObjectResult> {
  try {
    const out = await client.s3.send(
      new PutObjectCommand({
        Bucket: input.bucket,
        Key: input.key,
        Body: input.body,
        ContentType: input.contentType,
        IfNoneMatch: '*',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: input.retainUntil,
      }),
    );
    return { versionId: out.VersionId, alreadyPresent: false };
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 412)
      throw wrapS3Error(client, `putting locked ${input.bucket}/${input.key}`, err);
  }
  try {
    const existing = await client.s3.send(
      new GetObjectCommand({ Bucket: input.bucket, Key: input.key }),
    );
    const text = await existing.Body?.transformToString('utf8');
    if (text === input.body) return { versionId: existing.VersionId, alreadyPresent: true };
  } catch (err) {
    throw wrapS3Error(client, `reading existing ${input.bucket}/${input.key}`, err);
  }
  throw new Error(
    `${input.bucket}/${input.key} in ${client.region.name} already holds different content`,
  );
}
