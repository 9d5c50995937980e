import { DeleteObjectCommand, PutObjectRetentionCommand } from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

/**
 * Deletes one version for good (not a delete marker). Under governance retention only an
 * identity allowed to bypass it may, and only when it asks to (`bypassGovernance`): the
 * control plane's, for versions past their use; the hosts' is refused with AccessDenied.
 */
export async function deleteObjectVersion(
  client: RegionClient,
  key: string,
  versionId: string,
  options: { bypassGovernance?: boolean } = {},
): Promise<void> {
  try {
    await client.s3.send(
      new DeleteObjectCommand({
        Bucket: client.region.bucket,
        Key: key,
        VersionId: versionId,
        ...(options.bypassGovernance ? { BypassGovernanceRetention: true } : {}),
      }),
    );
  } catch (err) {
    throw wrapS3Error(client, `deleting ${key} version ${versionId}`, err);
  }
}

/** Sets a version's retention; shortening a governance lock needs `bypassGovernance` and the right to use it. */
export async function setObjectRetention(
  client: RegionClient,
  key: string,
  versionId: string,
  retention: { mode: 'GOVERNANCE' | 'COMPLIANCE'; retainUntil: Date; bypassGovernance?: boolean },
): Promise<void> {
  try {
    await client.s3.send(
      new PutObjectRetentionCommand({
        Bucket: client.region.bucket,
        Key: key,
        VersionId: versionId,
        Retention: { Mode: retention.mode, RetainUntilDate: retention.retainUntil },
        ...(retention.bypassGovernance ? { BypassGovernanceRetention: true } : {}),
      }),
    );
  } catch (err) {
    throw wrapS3Error(client, `setting the retention of ${key} version ${versionId}`, err);
  }
}
