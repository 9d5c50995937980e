import {
  DeleteObjectCommand,
  GetObjectRetentionCommand,
  PutObjectRetentionCommand,
} from '@aws-sdk/client-s3';
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

/**
 * Sets a version's retention (the current one when `versionId` is undefined). Extending is always
 * allowed; shortening a governance lock needs `bypassGovernance` and the right to use it.
 */
export async function setObjectRetention(
  client: RegionClient,
  key: string,
  versionId: string | undefined,
  retention: { mode: 'GOVERNANCE' | 'COMPLIANCE'; retainUntil: Date; bypassGovernance?: boolean },
): Promise<void> {
  try {
    await client.s3.send(
      new PutObjectRetentionCommand({
        Bucket: client.region.bucket,
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
        Retention: { Mode: retention.mode, RetainUntilDate: retention.retainUntil },
        ...(retention.bypassGovernance ? { BypassGovernanceRetention: true } : {}),
      }),
    );
  } catch (err) {
    throw wrapS3Error(
      client,
      `setting the retention of ${key} version ${versionId ?? '(current)'}`,
      err,
    );
  }
}

/** A version's lock (the current one when `versionId` is undefined), or undefined when it has none. */
export async function getObjectRetention(
  client: RegionClient,
  key: string,
  versionId?: string,
): Promise<{ mode: string; retainUntil: Date } | undefined> {
  try {
    const out = await client.s3.send(
      new GetObjectRetentionCommand({
        Bucket: client.region.bucket,
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
      }),
    );
    const r = out.Retention;
    return r?.Mode && r.RetainUntilDate
      ? { mode: r.Mode, retainUntil: r.RetainUntilDate }
      : undefined;
  } catch (err) {
    throw wrapS3Error(client, `reading the retention of ${key}`, err);
  }
}
