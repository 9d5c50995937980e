import { AppError } from '../errors/app-error';
import { compareLsn } from '../postgres/lsn';
import { formatEpochMicros, toEpochMicros } from '../time/parse-target-time';
import { locateTarget, type RegionWindow, type TimeInput } from '../window/restore-window';
import { formatInZone } from './format-in-zone';
import { describeRestoreTarget, type RestoreTargetSpec } from './restore-target';

/** What the catalog knows about one backup set in one region, as far as planning needs. */
export interface PlanBackup {
  region: string;
  label: string;
  /** stop LSN of the backup: recovery is consistent from here, so an LSN target needs ≥ this */
  endLsn: string;
}

export interface PlanInput {
  target: RestoreTargetSpec;
  /** per region, in preference order (region A first) */
  windows: readonly RegionWindow[];
  backups: readonly PlanBackup[];
  /** newest archived commit per region (instance_region_status) */
  latestCommit: Readonly<Record<string, { lsn?: string | null; at?: string | null } | undefined>>;
  now: TimeInput;
  /** the caller asked for this region only */
  region?: string;
  /** the instance's IANA zone, for showing the target as the tenant reads clocks */
  timeZone: string;
}

export interface PlanCandidate {
  region: string;
  backupLabel: string;
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
  code: 'target_before_window' | 'target_after_window' | 'target_in_gap' | 'target_in_future',
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

function planTime(input: PlanInput, t: { time: string }): PlanCandidate[] {
  const micros = toEpochMicros(t.time);
  const candidates: PlanCandidate[] = [];
  for (const w of regionsOf(input)) {
    const r = locateTarget(input.windows, { epochMicros: micros }, input.now, { region: w.region });
    if (r.ok) candidates.push({ region: r.region, backupLabel: r.backupLabel });
  }
  if (candidates.length > 0) return candidates;
  const why = locateTarget(input.windows, { epochMicros: micros }, input.now, {
    ...(input.region !== undefined ? { region: input.region } : {}),
  });
  if (why.ok) throw new Error('invariant: no region serves a target that locateTarget accepts');
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

/**
 * Transaction ids and restore point names cannot be placed on the timeline from the catalog,
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
  } else if ('lsn' in t) {
    candidates = planLsn(input, t);
  } else if ('latest' in t) {
    candidates = planFromNewestRange(input, 'newest');
    const w = input.windows.find((x) => x.region === candidates[0]!.region);
    const at = input.latestCommit[candidates[0]!.region]?.at ?? w?.latest ?? null;
    targetUtc = at === null ? null : formatEpochMicros(toEpochMicros(at));
    notes.push('replays every archived WAL segment; commits not yet archived are not included');
  } else {
    candidates = planFromNewestRange(input, 'oldest');
    notes.push(
      `${'xid' in t ? 'a transaction id' : 'a restore point'} is found only while WAL is replayed; if it is older than the newest continuous part of the window, the restore fails during recovery and nothing is kept`,
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
