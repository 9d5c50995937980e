import {
  inTenantTx,
  instanceRegionStatus,
  and,
  eq,
  recordGeoCheck,
  type GeoCheckFindings,
} from '@rewind/db';
import { listKeys } from '@rewind/storage';
import type { ActivityDeps } from '../deps';
import { archivePrefix, backupPrefix, relativeKeys, segmentsOfKeys } from './archive-keys';
import { loadInstanceFacts, type InstanceRef } from './instance-facts';

const BACKUP_LABEL = /^(\d{8}-\d{6}F(?:_\d{8}-\d{6}[DI])?)\//;

function backupLabels(keys: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const k of keys) {
    const m = BACKUP_LABEL.exec(k);
    if (m?.[1]) out.add(m[1]);
  }
  return out;
}

/**
 * Region B against region A for one stanza: every WAL segment and backup set A holds must be in
 * B too. The newest segment of each side may still be in flight, so a difference only in the
 * segments newer than the other side's newest is lag, not loss.
 */
export async function geoCheck(deps: ActivityDeps, ref: InstanceRef): Promise<GeoCheckFindings> {
  const { stanza } = await loadInstanceFacts(deps, ref);
  const list = async (client: typeof deps.regions.a, prefix: string) => {
    try {
      return relativeKeys(await listKeys(client, prefix), prefix);
    } catch (err) {
      throw new Error(
        `while listing ${prefix} in ${client.region.name} for the geo check of instance ${ref.instanceId}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  };
  let result: GeoCheckFindings;
  try {
    const [walA, walB, bkA, bkB] = await Promise.all([
      list(deps.regions.a, archivePrefix(stanza)),
      list(deps.regions.b, archivePrefix(stanza)),
      list(deps.regions.a, backupPrefix(stanza)),
      list(deps.regions.b, backupPrefix(stanza)),
    ]);
    const segA = new Set(segmentsOfKeys([...walA].map((k) => `/${k}`)));
    const segB = new Set(segmentsOfKeys([...walB].map((k) => `/${k}`)));
    const newestB = [...segB].sort().pop() ?? '';
    const newestA = [...segA].sort().pop() ?? '';
    // names on one timeline sort in WAL order; only segments up to B's newest count as missing
    const missingInB = [...segA].filter((s) => !segB.has(s) && s <= newestB);
    const missingInA = [...segB].filter((s) => !segA.has(s) && s <= newestA);
    const labelsA = backupLabels(bkA);
    const labelsB = backupLabels(bkB);
    // each repo takes its own backup (labels differ by seconds), so sets are compared by count
    const missingBackups = Math.max(0, labelsA.size - labelsB.size);
    const statuses = await inTenantTx(deps.db, { tenantId: ref.tenantId }, (tx) =>
      tx
        .select()
        .from(instanceRegionStatus)
        .where(
          and(
            eq(instanceRegionStatus.tenantId, ref.tenantId),
            eq(instanceRegionStatus.instanceId, ref.instanceId),
          ),
        ),
    );
    const at = (name: string) => statuses.find((s) => s.region === name)?.latestCommitAt ?? null;
    const a = at(deps.regions.a.region.name);
    const b = at(deps.regions.b.region.name);
    const lagSeconds = a && b ? Math.max(0, Math.round((a.getTime() - b.getTime()) / 1000)) : null;
    const behind = [...segA].filter((s) => s > newestB).length;
    const problems: string[] = [];
    if (missingInB.length > 0)
      problems.push(
        `${deps.regions.b.region.name} lacks ${missingInB.length} segment(s), first ${missingInB.sort()[0]}`,
      );
    if (missingInA.length > 0)
      problems.push(
        `${deps.regions.a.region.name} lacks ${missingInA.length} segment(s), first ${missingInA.sort()[0]}`,
      );
    if (missingBackups > 0)
      problems.push(`${deps.regions.b.region.name} lacks ${missingBackups} backup set(s)`);
    if (behind > 0)
      problems.push(`${deps.regions.b.region.name} trails by ${behind} segment(s) still in flight`);
    result = {
      ok: missingInB.length === 0 && missingInA.length === 0 && missingBackups === 0,
      missingSegments: missingInB.length + missingInA.length,
      missingBackups,
      lagSeconds,
      detail: problems.length > 0 ? problems.join('; ') : null,
    };
  } catch (err) {
    result = {
      ok: false,
      missingSegments: 0,
      missingBackups: 0,
      lagSeconds: null,
      detail: (err as Error).message,
    };
  }
  await inTenantTx(deps.db, { tenantId: ref.tenantId }, (tx) =>
    recordGeoCheck(tx, { ...ref, ...result }),
  );
  return result;
}
