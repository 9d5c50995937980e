import {
  GetObjectLockConfigurationCommand,
  PutObjectLockConfigurationCommand,
  type ObjectLockRetentionMode,
} from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

export interface DefaultRetention {
  mode: ObjectLockRetentionMode;
  days: number;
}

/**
 * Sets the default retention of an Object Lock bucket (every new object version is locked
 * for `days` from its creation) unless it already has exactly this one. Needs an identity
 * allowed to change the bucket's lock configuration (the control plane's, never a host's).
 */
export async function ensureDefaultRetention(
  client: RegionClient,
  bucket: string,
  want: DefaultRetention,
): Promise<{ changed: boolean }> {
  if (!Number.isInteger(want.days) || want.days < 1)
    throw new Error(`default retention must be a whole number of days ≥ 1, got ${want.days}`);
  let current: DefaultRetention | undefined;
  try {
    const out = await client.s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    if (out.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled')
      throw new Error(`bucket ${bucket} has no Object Lock (it must be created with it)`);
    const rule = out.ObjectLockConfiguration.Rule?.DefaultRetention;
    if (rule?.Mode && rule.Days !== undefined) current = { mode: rule.Mode, days: rule.Days };
  } catch (err) {
    throw wrapS3Error(client, `reading the Object Lock configuration of ${bucket}`, err);
  }
  if (current?.mode === want.mode && current.days === want.days) return { changed: false };
  try {
    await client.s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: bucket,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: want.mode, Days: want.days } },
        },
      }),
    );
  } catch (err) {
    throw wrapS3Error(
      client,
      `setting default retention ${want.mode} ${want.days} days on ${bucket}`,
      err,
    );
  }
  return { changed: true };
}
