export {
  createRegionClient,
  wrapS3Error,
  type RegionClient,
  type RegionClientOptions,
} from './region-client';
export { putObject } from './put-object';
export { getObject } from './get-object';
export { hasObjects, listKeys, listObjects, type ObjectSummary } from './list-keys';
export { deleteObject, deletePrefix } from './delete-object';
export { headBucket, ensureBucket } from './head-bucket';
export { probeRegion, type RegionProbe } from './probe-region';
export { auditBucketName, ensureLockedBucket } from './locked-bucket';
export { putLockedObject, type PutLockedObjectResult } from './put-locked-object';
export { ensureDefaultRetention, type DefaultRetention } from './default-retention';
export { listObjectVersions, type ObjectVersion } from './list-object-versions';
export { versionsAsOf } from './versions-as-of';
export {
  recoverPrefixAsOf,
  type RecoverPrefixInput,
  type RecoverPrefixResult,
} from './recover-prefix-as-of';
export { deleteObjectVersion, getObjectRetention, setObjectRetention } from './object-version-lock';
