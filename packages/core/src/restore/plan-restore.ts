import { AppError } from '../errors/app-error';
import { compareLsn } from '../postgres/lsn';
import { formatEpochMicros, toEpochMicros } from '../time/parse-target-time';
import { locateTarget, type RegionWindow, type TimeInput } from '../window/restore-window';
import {
  describeEndOfArchivedWal,
  endOfArchivedWalFor,
  type EndOfArchivedWal,
} from './end-of-archived-wal';
import { formatInZone } from './format-in-zone';
import { describeRestoreTarget, type RestoreTargetSpec } from './restore-target';

/** What the catalog knows about one backup set in one region, as far as planning needs. */
export interface PlanBackup {
  region: string;
  label: string;
  /** stop LSN of the backup: recovery is consistent from here, so an LSN target needs ≥ this */
  endLsn: string;
}

/** A restore point (pg_create_restore_point) the catalog sync found in one region's archived WAL. */
export interface PlanRestorePoint {
  region: string;
  name: string;
  lsn: string;
}

export interface PlanInput {
  target: RestoreTargetSpec;
  /** per region, in preference order (region A first) */
  windows: readonly RegionWindow[];
  backups: readonly PlanBackup[];
  /** newest archived commit per region (instance_region_status) */
  latestCommit: Readonly<
    Record<string, { lsn?: string | null; at?: string | null; xid?: string | null } | undefined>
  >;
  /** restore points found in archived WAL at catalog sync, per region */
  restorePoints?: readonly PlanRestorePoint[];
  now: TimeInput;
  /** the caller asked for this region only */
  region?: string;
  /** the instance's IANA zone, for showing the target as the tenant reads clocks */
  timeZone: string;
}

export interface PlanCandidate {
  region: string;
  backupLabel: string;
  /** a time target after the newest archived commit, inside a quiet database's coverage */
  endOfArchivedWal?: EndOfArchivedWal;
}

export interface RestorePlan {
  target: RestoreTargetSpec;
  /** `time 2026-11-22T14:05:00Z (inclusive)` */
  description: string;
  /** the region and backup that serve the target; the rest are fallbacks, in order */
  region: string;
  backupLabel: string;
  candidates: PlanCandidate[];
  /** time targets (and `latest`, as far as the catalog knows) in UTC and in the instance's zone */
  targetUtc: string | null;
  targetLocal: string | null;
  timeZone: string;
  /** caveats a person should read before restoring */
  notes: string[];
}

function refuse(
  code:
    | 'target_before_window'
    | 'target_after_window'
    | 'target_in_gap'
    | 'target_in_future'
    | 'target_not_found',
  message: string,
  details?: Record<string, unknown>,
): never {
  throw new AppError(code, message, details);
}

function regionsOf(input: PlanInput): RegionWindow[] {
  const regions =
    input.region === undefined
      ? [...input.windows]
      : input.windows.filter((w) => w.region === input.region);
  if (input.region !== undefined && regions.length === 0)
    throw new AppError(
      'validation_failed',
      `unknown region ${JSON.stringify(input.region)}; this instance is backed up to ${input.windows.map((w) => w.region).join(' and ')}`,
    );
  return regions;
}

function planTime(input: PlanInput, t: { time: string; inclusive: boolean }): PlanCandidate[] {
  const micros = toEpochMicros(t.time);
  const candidates: PlanCandidate[] = [];
  for (const w of regionsOf(input)) {
    const r = locateTarget(input.windows, { epochMicros: micros }, input.now, { region: w.region });
    if (!r.ok) continue;
    const endOfArchivedWal = endOfArchivedWalFor({
      window: w,
      targetMicros: micros,
      inclusive: t.inclusive,
      newestCommit: input.latestCommit[w.region],
      backupEndLsn: input.backups.find((b) => b.region === w.region && b.label === r.backupLabel)
        ?.endLsn,
    });
    if (endOfArchivedWal === null) continue;
    candidates.push({
      region: r.region,
      backupLabel: r.backupLabel,
      ...(endOfArchivedWal ? { endOfArchivedWal } : {}),
    });
  }
  if (candidates.length > 0) return candidates;
  const why = locateTarget(input.windows, { epochMicros: micros }, input.now, {
    ...(input.region !== undefined ? { region: input.region } : {}),
  });
  if (why.ok)
    refuse(
      'target_after_window',
      `${t.time} is after the newest archived commit, whose WAL location the catalog has not read yet; it is restorable after the next catalog sync`,
    );
  refuse(why.code, why.message, why.nearest ? { nearest: why.nearest } : undefined);
}

/**
 * An LSN target needs a backup that ended at or before it (recovery is inconsistent before a
 * backup's stop LSN) and archived WAL reaching past it. WAL gaps are not mapped to LSNs in the
 * catalog yet, so a target inside a gap fails during recovery instead of here.
 */
function planLsn(input: PlanInput, t: { lsn: string }): PlanCandidate[] {
  const candidates: PlanCandidate[] = [];
  let oldestEnd: string | undefined;
  let newestLatest: string | undefined;
  for (const w of regionsOf(input)) {
    const mine = input.backups.filter((b) => b.region === w.region);
    for (const b of mine)
      if (!oldestEnd || compareLsn(b.endLsn, oldestEnd) < 0) oldestEnd = b.endLsn;
    const latest = input.latestCommit[w.region]?.lsn ?? undefined;
    if (latest && (!newestLatest || compareLsn(latest, newestLatest) > 0)) newestLatest = latest;
    if (!latest || compareLsn(t.lsn, latest) > 0) continue;
    const serving = mine
      .filter((b) => compareLsn(b.endLsn, t.lsn) <= 0)
      .sort((a, b) => compareLsn(b.endLsn, a.endLsn))[0];
    if (serving) candidates.push({ region: w.region, backupLabel: serving.label });
  }
  if (candidates.length > 0) return candidates;
  if (!oldestEnd || !newestLatest)
    refuse(
      'target_before_window',
      'nothing is restorable yet: no backup has finished with its WAL archived',
    );
  if (compareLsn(t.lsn, oldestEnd) < 0)
    refuse(
      'target_before_window',
      `LSN ${t.lsn} is before the restorable window: the oldest retained backup ends at LSN ${oldestEnd}, and recovery cannot stop before that`,
      { nearest: { afterLsn: oldestEnd } },
    );
  refuse(
    'target_after_window',
    `LSN ${t.lsn} is after the restorable window: the newest commit in archived WAL is at LSN ${newestLatest}; newer WAL becomes restorable once it is archived`,
    { nearest: { beforeLsn: newestLatest } },
  );
}

/** The newest backup in `region` that ended at or before `lsn` (recovery is consistent from there). */
function backupBefore(input: PlanInput, region: string, lsn: string): PlanBackup | undefined {
  return input.backups
    .filter((b) => b.region === region && compareLsn(b.endLsn, lsn) <= 0)
    .sort((a, b) => compareLsn(b.endLsn, a.endLsn))[0];
}

/**
 * A restore point is reachable only if its RESTORE_POINT record is in archived WAL (recovery
 * would otherwise replay to the end and fail) after a retained backup's end. The catalog sync
 * records every one it reads, so any other name (a typo, `../../etc/passwd`) is refused here.
 */
function planRestorePoint(input: PlanInput, t: { name: string }): PlanCandidate[] {
  const regions = regionsOf(input);
  const points = (input.restorePoints ?? []).filter((p) =>
    regions.some((w) => w.region === p.region),
  );
  const mine = points.filter((p) => p.name === t.name);
  if (mine.length === 0) {
    const known = [...new Set(points.map((p) => p.name))];
    const shown = known.slice(0, 5).join(', ') + (known.length > 5 ? ', …' : '');
    refuse(
      'target_not_found',
      `restore point ${JSON.stringify(t.name)} is not in archived WAL: create it with pg_create_restore_point() and let its WAL be archived (the catalog knows: ${known.length > 0 ? shown : 'none'})`,
    );
  }
  const candidates: PlanCandidate[] = [];
  for (const w of regions) {
    // a name may be used twice: recovery stops at the first one it meets after the backup
    const point = mine
      .filter((p) => p.region === w.region)
      .sort((a, b) => compareLsn(a.lsn, b.lsn))[0];
    const serving = point && backupBefore(input, w.region, point.lsn);
    if (serving) candidates.push({ region: w.region, backupLabel: serving.label });
  }
  if (candidates.length === 0)
    refuse(
      'target_before_window',
      `restore point ${JSON.stringify(t.name)} was created before the oldest retained backup ended, so recovery cannot stop there`,
    );
  return candidates;
}

/**
 * A transaction id is reachable only up to the newest commit in archived WAL. The catalog knows
 * that xid as PostgreSQL writes it in WAL (32 bits, no epoch); the instances here never wrap, so
 * a larger id (4000000000, or any with an epoch) has simply not happened yet.
 */
function checkXid(input: PlanInput, t: { xid: string }): string[] {
  const target = BigInt(t.xid);
  let newest: bigint | undefined;
  const reaching: string[] = [];
  for (const w of regionsOf(input)) {
    const text = input.latestCommit[w.region]?.xid;
    if (!text) continue;
    const x = BigInt(text);
    if (newest === undefined || x > newest) newest = x;
    if (target <= x) reaching.push(w.region);
  }
  if (newest === undefined)
    refuse('target_before_window', 'nothing is restorable yet: no commit has been archived');
  if (reaching.length === 0)
    refuse(
      'target_after_window',
      `transaction ${t.xid} is after the restorable window: the newest transaction committed in archived WAL is ${newest}; a transaction becomes restorable once its commit is archived`,
      { nearest: { beforeXid: String(newest) } },
    );
  return reaching;
}

/**
 * Transaction ids cannot be placed on the timeline from the catalog,
 * so the oldest backup of the newest contiguous range serves them: recovery then passes every
 * commit that range holds. A target older than that range fails during recovery.
 */
function planFromNewestRange(input: PlanInput, pick: 'oldest' | 'newest'): PlanCandidate[] {
  const candidates: PlanCandidate[] = [];
  for (const w of regionsOf(input)) {
    const range = w.ranges[w.ranges.length - 1];
    const backup = pick === 'oldest' ? range?.backups[0] : range?.backups[range.backups.length - 1];
    if (backup) candidates.push({ region: w.region, backupLabel: backup.label });
  }
  if (candidates.length === 0)
    refuse(
      'target_before_window',
      `nothing is restorable${input.region ? ` in ${input.region}` : ''} yet: no backup has finished with its WAL archived`,
    );
  return candidates;
}

/**
 * Which region and backup would serve the target, or an AppError (422) saying why not and what
 * is restorable nearby. Pure: the caller brings the catalog and the clock.
 */
export function planRestore(input: PlanInput): RestorePlan {
  const t = input.target;
  const notes: string[] = [];
  let candidates: PlanCandidate[];
  let targetUtc: string | null = null;
  if ('time' in t) {
    candidates = planTime(input, t);
    targetUtc = t.time;
    const quiet = candidates[0]!.endOfArchivedWal;
    if (quiet) notes.push(describeEndOfArchivedWal(quiet));
  } else if ('lsn' in t) {
    candidates = planLsn(input, t);
  } else if ('latest' in t) {
    candidates = planFromNewestRange(input, 'newest');
    const w = input.windows.find((x) => x.region === candidates[0]!.region);
    const at = input.latestCommit[candidates[0]!.region]?.at ?? w?.latest ?? null;
    targetUtc = at === null ? null : formatEpochMicros(toEpochMicros(at));
    notes.push('replays every archived WAL segment; commits not yet archived are not included');
  } else if ('name' in t) {
    candidates = planRestorePoint(input, t);
  } else {
    const reaching = checkXid(input, t);
    candidates = planFromNewestRange(input, 'oldest').filter((c) => reaching.includes(c.region));
    if (candidates.length === 0)
      refuse(
        'target_before_window',
        `nothing that reaches transaction ${t.xid} is restorable yet: no backup has finished with its WAL archived`,
      );
    notes.push(
      'a transaction id is found only while WAL is replayed; if it is older than the newest continuous part of the window, the restore fails during recovery and nothing is kept',
    );
  }
  const first = candidates[0]!;
  return {
    target: t,
    description: describeRestoreTarget(t),
    region: first.region,
    backupLabel: first.backupLabel,
    candidates,
    targetUtc,
    targetLocal: targetUtc === null ? null : formatInZone(targetUtc, input.timeZone),
    timeZone: input.timeZone,
    notes,
  };
}
