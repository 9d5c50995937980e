import {
  and,
  backups,
  eq,
  inTenantTx,
  recordRepositoryCheck,
  type RepositoryCheckRow,
} from '@rewind/db';
import { listGaps, repoForRegion, sortSegmentNames } from '@rewind/engine';
import { listKeys } from '@rewind/storage';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { archivePrefix, segmentsOfKeys } from './archive-keys';
import { loadInstanceFacts, type InstanceRef } from './instance-facts';

export interface RepositoryCheckSummary {
  region: string;
  kind: RepositoryCheckRow['kind'];
  ok: boolean;
  detail: string;
}

function clientOf(deps: ActivityDeps, region: string) {
  const client = [deps.regions.a, deps.regions.b].find((r) => r.region.name === region);
  if (!client) throw new Error(`unknown region ${JSON.stringify(region)}`);
  return client;
}

/**
 * WAL continuity of one region: every segment from the oldest retained backup's first WAL
 * segment up to the newest archived one is in the repository. Names on one timeline sort in
 * WAL order; a timeline switch is not a gap (listGaps).
 */
async function walContinuity(deps: ActivityDeps, ref: InstanceRef, stanza: string, region: string) {
  const started = Date.now();
  const rows = await inTenantTx(deps.db, { tenantId: ref.tenantId }, (tx) =>
    tx
      .select({ walStart: backups.walStart, stoppedAt: backups.stoppedAt, label: backups.label })
      .from(backups)
      .where(and(eq(backups.instanceId, ref.instanceId), eq(backups.region, region))),
  );
  const oldest = rows.sort((a, b) => a.stoppedAt.getTime() - b.stoppedAt.getTime())[0];
  const listed = sortSegmentNames(
    segmentsOfKeys(await listKeys(clientOf(deps, region), archivePrefix(stanza))),
  );
  if (!oldest)
    return {
      ok: false,
      findings: {
        missingSegments: [],
        fromSegment: null,
        toSegment: listed.at(-1) ?? null,
        segmentsChecked: 0,
      },
      detail: `no retained backup in ${region}: nothing to check the WAL against`,
      durationMs: Date.now() - started,
    };
  const from = oldest.walStart;
  const span = listed.filter((s) => s >= from);
  const missing: string[] = [];
  if (span[0] !== from) missing.push(from);
  for (const gap of listGaps(span.length > 0 && span[0] !== from ? [from, ...span] : span)) {
    missing.push(gap.firstMissing);
    if (gap.lastMissing !== gap.firstMissing) missing.push(gap.lastMissing);
  }
  const to = span.at(-1) ?? null;
  const ok = missing.length === 0;
  return {
    ok,
    findings: {
      missingSegments: [...new Set(missing)],
      fromSegment: from,
      toSegment: to,
      segmentsChecked: span.length,
    },
    detail: ok
      ? `${span.length} segments from ${from} (backup ${oldest.label}) to ${to} are all archived in ${region}`
      : `WAL in ${region} is not continuous from backup ${oldest.label}: missing ${[...new Set(missing)].join(', ')} (first and last of each gap) between ${from} and ${to}`,
    durationMs: Date.now() - started,
  };
}

/**
 * The scheduled checks of one region's repository of an instance, each recorded as a result
 * with what it found: `pgbackrest verify` (every backup file and WAL segment against its
 * checksum) and the WAL continuity from the oldest retained backup to the newest segment.
 * A check that cannot run at all (region unreachable) is recorded as failed with the reason.
 */
export async function checkRepository(
  deps: ActivityDeps,
  input: InstanceRef & { region: string },
): Promise<RepositoryCheckSummary[]> {
  const { stanza } = await loadInstanceFacts(deps, input);
  const ref = { tenantId: input.tenantId, instanceId: input.instanceId };
  const out: RepositoryCheckSummary[] = [];
  const record = (
    r: Omit<Parameters<typeof recordRepositoryCheck>[1], 'tenantId' | 'instanceId' | 'region'>,
  ) =>
    inTenantTx(deps.db, { tenantId: ref.tenantId }, (tx) =>
      recordRepositoryCheck(tx, { ...ref, region: input.region, ...r }),
    ).then(() => out.push({ region: input.region, kind: r.kind, ok: r.ok, detail: r.detail }));

  try {
    const v = await withHeartbeat(
      () =>
        deps.engine.verifyFindings({
          instanceId: stanza,
          repo: repoForRegion(deps.engine.config, input.region),
        }),
      { phase: 'verify', region: input.region },
    );
    await record({
      kind: 'verify',
      ok: v.ok,
      findings: { invalidFiles: v.invalidFiles, lines: v.lines },
      detail: v.ok
        ? `pgbackrest verify found every file in ${input.region} intact`
        : `pgbackrest verify found problems in ${input.region}${v.invalidFiles.length > 0 ? `: ${v.invalidFiles.slice(0, 10).join(', ')}` : ''}${v.lines[0] ? ` (${v.lines[0]})` : ''}`,
      durationMs: v.durationMs,
    });
  } catch (err) {
    await record({
      kind: 'verify',
      ok: false,
      findings: {},
      detail: `while verifying the repository in ${input.region}: ${(err as Error).message}`,
    });
  }
  try {
    await record({
      kind: 'wal_continuity',
      ...(await walContinuity(deps, ref, stanza, input.region)),
    });
  } catch (err) {
    await record({
      kind: 'wal_continuity',
      ok: false,
      findings: {},
      detail: `while checking WAL continuity in ${input.region}: ${(err as Error).message}`,
    });
  }
  return out;
}
