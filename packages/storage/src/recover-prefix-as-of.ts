import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { hasObjects } from './list-keys';
import { listObjectVersions } from './list-object-versions';
import { wrapS3Error, type RegionClient } from './region-client';
import { versionsAsOf } from './versions-as-of';

export interface RecoverPrefixInput {
  /** e.g. `stanzas/archive/<stanza>/`; must end with `/` */
  sourcePrefix: string;
  /** a fresh prefix (refused if anything is there), e.g. `recovered/<id>/archive/<stanza>/` */
  targetPrefix: string;
  asOf: Date;
  concurrency?: number;
  /** a retry of the same recovery: copy over what an earlier attempt left in the target */
  overwrite?: boolean;
}

export interface RecoverPrefixResult {
  /** objects copied into the target prefix: the source's state as of asOf */
  copied: number;
  bytes: number;
  /** keys that had versions but were deleted (or not yet written) as of asOf */
  absentAsOf: number;
}

const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');

/**
 * Rebuilds a prefix as it was at `asOf` from its object versions, into a fresh prefix of the same
 * bucket: server-side CopyObject of each key's version of that time. The source stays untouched
 * (its history is the evidence, and an attacker may still hold the hosts' key), so this needs only
 * read access to versions and write access to the target; the new objects get the bucket's
 * default retention like any other. CopyObject takes objects up to 5 GiB, which pgBackRest's
 * files stay under (PostgreSQL splits relations into 1 GiB segments, WAL segments are 16 MiB).
 */
export async function recoverPrefixAsOf(
  client: RegionClient,
  input: RecoverPrefixInput,
): Promise<RecoverPrefixResult> {
  for (const [name, p] of [
    ['source', input.sourcePrefix],
    ['target', input.targetPrefix],
  ] as const)
    if (!p.endsWith('/') || p.startsWith('/') || p.length < 2)
      throw new Error(`${name} prefix ${JSON.stringify(p)} must be a relative prefix ending in /`);
  if (
    input.targetPrefix.startsWith(input.sourcePrefix) ||
    input.sourcePrefix.startsWith(input.targetPrefix)
  )
    throw new Error(`target prefix ${input.targetPrefix} overlaps source ${input.sourcePrefix}`);
  if (Number.isNaN(input.asOf.getTime())) throw new Error('asOf is not a valid time');
  if (!input.overwrite && (await hasObjects(client, input.targetPrefix)))
    throw new Error(
      `target prefix ${input.targetPrefix} in ${client.region.name} is not empty: recovery writes only into a fresh prefix`,
    );
  const history = await listObjectVersions(client, input.sourcePrefix);
  const chosen = versionsAsOf(history, input.asOf);
  const keys = new Set(history.map((v) => v.key));
  const concurrency = input.concurrency ?? 8;
  let bytes = 0;
  for (let i = 0; i < chosen.length; i += concurrency) {
    await Promise.all(
      chosen.slice(i, i + concurrency).map(async (v) => {
        const target = input.targetPrefix + v.key.slice(input.sourcePrefix.length);
        try {
          await client.s3.send(
            new CopyObjectCommand({
              Bucket: client.region.bucket,
              Key: target,
              CopySource: `${client.region.bucket}/${enc(v.key)}?versionId=${encodeURIComponent(v.versionId)}`,
            }),
          );
        } catch (err) {
          throw wrapS3Error(client, `copying ${v.key} version ${v.versionId} to ${target}`, err);
        }
        bytes += v.size;
      }),
    );
  }
  return { copied: chosen.length, bytes, absentAsOf: keys.size - chosen.length };
}
