import { findDestructiveEvents, pgbackrestSegmentSource, type RepoIndex } from '@rewind/engine';
import {
  nameDestructiveEvent,
  type DestructiveEventKind,
  type NamedDestructiveEvent,
} from '@rewind/core';
import { listRelationNames, listWalRanges, inTenantTx } from '@rewind/db';
import { contiguousRuns, sortSegmentNames } from '@rewind/engine';
import { listKeys } from '@rewind/storage';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { archivePrefix, segmentsOfKeys } from './archive-keys';
import { loadInstanceFacts, type InstanceRef } from './instance-facts';
import { recordInstanceRelationNames } from './record-relation-names';

export interface FindWalEventsInput extends InstanceRef {
  /** RFC 3339 with an offset, already validated by the caller */
  from: string;
  to: string;
  /** only these kinds; absent: every kind */
  kinds?: DestructiveEventKind[];
}

/**
 * Destructive events (drop, truncate, mass delete/update) in archived WAL between `from` and
 * `to`, each named (database, schema, table) from the relation names catalog sync recorded, as
 * they were at the event. The live map is recorded first, so a table made since the last sync
 * is named too; a table made and dropped between two syncs stays unnamed (null). Only segments that can hold commits in that span are read: the catalog's ranges whose
 * newest commit is at or after `from`, up to the first range whose newest commit passes `to`.
 */
export async function findWalEvents(
  deps: ActivityDeps,
  input: FindWalEventsInput,
): Promise<NamedDestructiveEvent[]> {
  const facts = await loadInstanceFacts(deps, input);
  const { stanza } = facts;
  // a stopped server only means no refresh: what the syncs recorded still names the events
  await recordInstanceRelationNames(deps, facts).catch(() => null);
  // region A first; region B when A cannot be listed
  const sources: [RepoIndex, typeof deps.regions.a][] = [
    [1, deps.regions.a],
    [2, deps.regions.b],
  ];
  let lastError: unknown;
  for (const [repo, client] of sources) {
    try {
      const segments = sortSegmentNames(
        segmentsOfKeys(await listKeys(client, archivePrefix(stanza))),
      );
      const known = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        listWalRanges(tx, input.tenantId, input.instanceId),
      );
      const fromMs = Date.parse(input.from);
      // ranges whose newest commit is before `from` hold nothing we want
      const skip = new Set(
        known
          .filter(
            (r) =>
              r.region === client.region.name &&
              r.lastCommitAt &&
              r.lastCommitAt.getTime() < fromMs,
          )
          .map((r) => r.stopSegment),
      );
      const wanted = contiguousRuns(segments)
        .filter((run) => !skip.has(run[run.length - 1]!))
        .flat();
      const events = await withHeartbeat(() =>
        findDestructiveEvents({
          segments: wanted,
          source: pgbackrestSegmentSource({
            configPath: deps.engine.paths(stanza).pgbackrestConf,
            stanza,
            repo,
            pgbackrestBin: deps.engine.config.pgbackrestBin,
          }),
          from: input.from,
          to: input.to,
          waldump: { waldumpBin: `${deps.engine.config.pgBinDir}/pg_waldump` },
        }),
      );
      const kinds = input.kinds;
      const wantedEvents = kinds ? events.filter((e) => kinds.includes(e.kind)) : events;
      const spans = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        listRelationNames(tx, input.tenantId, input.instanceId, new Date(fromMs)),
      );
      return wantedEvents.map((e) => nameDestructiveEvent(e, spans));
    } catch (err) {
      lastError = new Error(
        `while reading WAL events of instance ${input.instanceId} from ${client.region.name}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
  throw lastError;
}
