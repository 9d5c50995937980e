import {
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
} from '@aws-sdk/client-s3';
import { wrapS3Error, type RegionClient } from './region-client';

export interface ObjectVersion {
  key: string;
  versionId: string;
  /** S3 gives it to the second */
  lastModified: Date;
  isDeleteMarker: boolean;
  size: number;
}

/**
 * Every version and delete marker under a prefix, following key and version-id markers. Per key
 * they come newest first, as S3 lists them; a version and a delete marker of the same key are
 * listed in two arrays by the SDK, so they are merged back by LastModified, the version first
 * on a tie (see versionsAsOf).
 */
export async function listObjectVersions(
  client: RegionClient,
  prefix: string,
  pageSize = 1000,
): Promise<ObjectVersion[]> {
  const out: ObjectVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    let page: ListObjectVersionsCommandOutput;
    try {
      page = await client.s3.send(
        new ListObjectVersionsCommand({
          Bucket: client.region.bucket,
          Prefix: prefix,
          MaxKeys: pageSize,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
    } catch (err) {
      throw wrapS3Error(client, `listing object versions under ${prefix}`, err);
    }
    for (const v of page.Versions ?? []) {
      if (v.Key === undefined || v.VersionId === undefined || v.LastModified === undefined)
        continue;
      out.push({
        key: v.Key,
        versionId: v.VersionId,
        lastModified: v.LastModified,
        isDeleteMarker: false,
        size: v.Size ?? 0,
      });
    }
    for (const m of page.DeleteMarkers ?? []) {
      if (m.Key === undefined || m.VersionId === undefined || m.LastModified === undefined)
        continue;
      out.push({
        key: m.Key,
        versionId: m.VersionId,
        lastModified: m.LastModified,
        isDeleteMarker: true,
        size: 0,
      });
    }
    if (!page.IsTruncated) break;
    if (page.NextKeyMarker === keyMarker && page.NextVersionIdMarker === versionIdMarker)
      throw wrapS3Error(
        client,
        `listing object versions under ${prefix}`,
        new Error('the listing did not advance'),
      );
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
  return out;
}
