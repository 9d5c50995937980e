export {
  compareSegmentNames,
  contiguousRuns,
  DEFAULT_WAL_SEGMENT_SIZE,
  isSegmentName,
  listGaps,
  lsnToSegment,
  nextSegment,
  parseSegmentName,
  prevSegment,
  segmentEndLsn,
  segmentNameFromSegNo,
  segmentStartLsn,
  sortSegmentNames,
  type SegmentAddress,
  type SegmentGap,
} from './segment-names';
export {
  heapRowChange,
  parseDatabaseDrop,
  parseHeapTruncate,
  parseStorageCreate,
  parseRestorePoint,
  parseTransactionEnd,
  parseWaldumpLine,
  parseWaldumpOutput,
  parseWaldumpTimestamp,
  relPathToLocator,
  WalParseError,
  type DroppedStats,
  type TransactionEnd,
  type WalBlockRef,
  type WalRecord,
} from './parse-waldump';
export {
  classifyDestructiveEvents,
  DestructiveEventCollector,
  type DestructiveEventOptions,
} from './destructive-events';
export {
  resolveRunAsPostgres,
  runDirectly,
  runuserAsPostgres,
  type CommandWrapper,
} from './command-wrapper';
export {
  DEFAULT_PG_WALDUMP,
  runWaldump,
  WaldumpError,
  type RunWaldumpOptions,
  type RunWaldumpResult,
} from './run-waldump';
export {
  ArchiveGetError,
  fetchArchivedSegment,
  type FetchArchivedSegmentOptions,
  type FetchedSegment,
} from './fetch-archived-segment';
export {
  directorySegmentSource,
  pgbackrestSegmentSource,
  type SegmentSource,
} from './segment-source';
export {
  latestArchivedCommit,
  type LatestArchivedCommit,
  type LatestArchivedCommitOptions,
} from './latest-archived-commit';
export {
  findDestructiveEvents,
  type FindDestructiveEventsOptions,
} from './find-destructive-events';
export {
  findRestorePoints,
  type FindRestorePointsOptions,
  type FoundRestorePoint,
} from './find-restore-points';
export {
  lastWrittenSegment,
  openSegment,
  parseWalPosition,
  readWalPositionSql,
  unarchivedWalBytes,
  walFlushed,
  walWrittenEnd,
  type WalPosition,
} from './wal-position';
export { unarchivedTailCommits } from './unarchived-tail';
