import { AppError, parseTargetTime } from '@rewind/core';
import { appendAuditEvent, eq, inTenantTx, instances, type Db, type PlatformDb } from '@rewind/db';
import {
  listKeys,
  recoverPrefixAsOf,
  type RecoverPrefixResult,
  type RegionClient,
} from '@rewind/storage';
import { archivePrefix, backupPrefix } from '../data-plane/archive-keys';

export interface RecoverRepositoryInput {
  instanceId: string;
  /** RFC 3339 with an offset: the state of the repository to bring back (before the attack) */
  asOf: string;
  /** names the fresh prefix `recovered/<recoveryId>/`; built by the caller, one per request */
  recoveryId: string;
  /** who asked, for the audit trail (the operator CLI passes its OS user) */
  requestedBy: string;
  /** a retry of the same recovery may overwrite what an earlier attempt copied */
  retry?: boolean;
}

export interface RegionRecovery {
  region: string;
  ok: boolean;
  archive?: RecoverPrefixResult;
  backup?: RecoverPrefixResult;
  error?: string;
}

export interface RecoverRepositoryResult {
  tenantId: string;
  instanceId: string;
  stanza: string;
  asOf: string;
  /** pgBackRest's `repoN-path` of the recovered repository in both regions' buckets */
  repoPath: string;
  regions: RegionRecovery[];
}

export interface RecoverRepositoryDeps {
  db: Db;
  platformDb: PlatformDb;
  /** with the control plane's S3 identity: the hosts' may not be trusted after an attack */
  regions: { a: RegionClient; b: RegionClient };
  now?: () => Date;
}

const RECOVERY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** `recovered/<id>/` holds what pgBackRest keeps under `stanzas/`: `archive/<stanza>/`, `backup/<stanza>/`. */
export function recoveredRepoPath(recoveryId: string): string {
  if (!RECOVERY_ID.test(recoveryId))
    throw new AppError(
      'validation_failed',
      `recovery id ${JSON.stringify(recoveryId)} must match ${RECOVERY_ID.source}`,
    );
  return `/recovered/${recoveryId}`;
}

/**
 * After the current objects of an instance's repositories were deleted or overwritten (a
 * stolen host key), rebuilds both regions' repositories as they were at `asOf` from object
 * versions, into the fresh prefix `recovered/<recoveryId>/` of each bucket. The attacked prefix
 * is left as it is. An ordinary pgBackRest restore then reads the recovered repository with
 * `--repoN-path=<repoPath>`. One region that cannot be recovered (unreachable, or nothing as of
 * that time) is reported, not fatal; both failing is. Audited as `repository.recovered`.
 */
export async function recoverRepository(
  deps: RecoverRepositoryDeps,
  input: RecoverRepositoryInput,
): Promise<RecoverRepositoryResult> {
  const asOf = parseTargetTime(input.asOf);
  const asOfDate = new Date(Number(asOf.epochMicros / 1000n));
  const now = (deps.now ?? (() => new Date()))();
  if (asOfDate.getTime() > now.getTime())
    throw new AppError('validation_failed', `--as-of ${input.asOf} is in the future`);
  const repoPath = recoveredRepoPath(input.recoveryId);
  const [instance] = await deps.platformDb
    .select({ id: instances.id, tenantId: instances.tenantId, stanza: instances.stanza })
    .from(instances)
    .where(eq(instances.id, input.instanceId));
  if (!instance) throw new AppError('not_found', `no instance ${JSON.stringify(input.instanceId)}`);

  const target = repoPath.slice(1) + '/';
  const regions: RegionRecovery[] = [];
  for (const client of [deps.regions.a, deps.regions.b]) {
    const region = client.region.name;
    try {
      const common = { asOf: asOfDate, overwrite: input.retry === true };
      const archive = await recoverPrefixAsOf(client, {
        ...common,
        sourcePrefix: archivePrefix(instance.stanza),
        targetPrefix: `${target}archive/${instance.stanza}/`,
      });
      const backup = await recoverPrefixAsOf(client, {
        ...common,
        sourcePrefix: backupPrefix(instance.stanza),
        targetPrefix: `${target}backup/${instance.stanza}/`,
      });
      // without both info files pgBackRest cannot read the repository at all
      const present = new Set(await listKeys(client, target));
      const missing = [
        `archive/${instance.stanza}/archive.info`,
        `backup/${instance.stanza}/backup.info`,
      ].filter((k) => !present.has(target + k));
      if (missing.length > 0) {
        regions.push({
          region,
          ok: false,
          archive,
          backup,
          error: `nothing restorable as of ${asOf.iso}: no ${missing.join(', ')}`,
        });
      } else {
        regions.push({ region, ok: true, archive, backup });
      }
    } catch (err) {
      regions.push({
        region,
        ok: false,
        error: `while recovering ${instance.stanza} in ${region}: ${(err as Error).message}`,
      });
    }
  }

  const result: RecoverRepositoryResult = {
    tenantId: instance.tenantId,
    instanceId: instance.id,
    stanza: instance.stanza,
    asOf: asOf.iso,
    repoPath,
    regions,
  };
  await inTenantTx(deps.db, { tenantId: instance.tenantId }, (tx) =>
    appendAuditEvent(tx, {
      tenantId: instance.tenantId,
      actor: { type: 'system', id: 'repository-recovery', email: null },
      action: regions.some((r) => r.ok) ? 'repository.recovered' : 'repository.recovery_failed',
      target: { type: 'instance', id: instance.id },
      data: {
        asOf: asOf.iso,
        recoveryId: input.recoveryId,
        repoPath,
        requestedBy: input.requestedBy,
        regions,
      },
    }),
  );
  if (!regions.some((r) => r.ok)) {
    const message = `recovering the repository of instance ${instance.id} as of ${asOf.iso} failed in every region: ${regions.map((r) => `${r.region}: ${r.error}`).join('; ')}`;
    // nothing to recover as of that time will not change on a retry; an S3 failure may
    if (regions.every((r) => r.error?.startsWith('nothing restorable')))
      throw new AppError('conflict', message);
    throw new Error(message);
  }
  return result;
}
