import {
  CreateBucketCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  PutObjectLockConfigurationCommand,
} from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

/** The region's retention-protected bucket for audit exports, next to its data bucket. */
export function auditBucketName(client: RegionClient): string {
  return `${client.region.bucket}-audit`;
}

/**
 * Creates a bucket with S3 Object Lock (which implies versioning) and a default COMPLIANCE
 * retention, unless it exists; an existing bucket without Object Lock is refused rather than
 * silently used, because lock can only be enabled when a bucket is created.
 * SeaweedFS 4.48 implements this (checked: locked versions refuse delete and retention
 * shortening with 403 AccessDenied until retain-until passes).
 */
export async function ensureLockedBucket(
  client: RegionClient,
  bucket: string,
  defaultRetentionDays: number,
): Promise<void> {
  let exists = true;
  try {
    await client.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) throw wrapS3Error(client, `checking bucket ${bucket}`, err);
    exists = false;
  }
  if (!exists) {
    try {
      await client.s3.send(
        new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }),
      );
      await client.s3.send(
        new PutObjectLockConfigurationCommand({
          Bucket: bucket,
          ObjectLockConfiguration: {
            ObjectLockEnabled: 'Enabled',
            Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: defaultRetentionDays } },
          },
        }),
      );
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists')
        throw wrapS3Error(client, `creating locked bucket ${bucket}`, err);
    }
  }
  try {
    const out = await client.s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    if (out.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled') {
      throw new Error(`bucket ${bucket} in ${client.region.name} exists without Object Lock`);
    }
  } catch (err) {
    throw wrapS3Error(client, `checking Object Lock on ${bucket}`, err);
  }
}
