import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { adoptKeptClone } from './adopt-kept-clone';
import { applyInstancePlan } from './apply-instance-plan';
import { diffClone, type DiffCloneInput } from './diff-clone';
import { ensureReaderRole } from './ensure-reader-role';
import type { InstanceRef } from './instance-facts';
import { provisionInstance } from './provision-instance';
import { checkRepository } from './repository-checks';
import { findWalEvents, type FindWalEventsInput } from './wal-events';
import { writeHeartbeat } from './write-heartbeat';

/** Data-plane activities that touch this host's instances: run on `host:<hostId>`. */
export function hostDataPlaneActivities(deps: ActivityDeps) {
  return {
    async provisionInstance(ref: InstanceRef) {
      return provisionInstance(deps, ref);
    },
    /** a clone kept as a permanent instance: its own stanza, archiving to both regions */
    async adoptKeptClone(ref: InstanceRef) {
      return adoptKeptClone(deps, ref);
    },
    /** archive_timeout and pgbackrest.conf retention from the tenant's current plan */
    async applyInstancePlan(ref: InstanceRef) {
      return applyInstancePlan(deps, ref);
    },
    /** the read-only role members connect with, made on instances from before it existed */
    async ensureReaderRole(ref: InstanceRef) {
      return ensureReaderRole(deps, ref);
    },
    async writeHeartbeat(ref: InstanceRef) {
      return writeHeartbeat(deps, ref);
    },
    async findWalEvents(input: FindWalEventsInput) {
      return findWalEvents(deps, input);
    },
    /** a restore's clone against its source, table by table (GET …/restores/{id}/diff) */
    async diffClone(input: DiffCloneInput) {
      return diffClone(deps, input);
    },
    /** pgbackrest verify + WAL continuity of one region's repository, each recorded as a result */
    async checkRepository(input: InstanceRef & { region: string }) {
      return checkRepository(deps, input);
    },
    /**
     * Stops the instance and removes its data directory but keeps its pgBackRest config: the
     * stanza (backups + WAL) outlives the instance for the retention period and stanza-delete
     * needs that config (repo keys, cipher pass) when the time comes.
     */
    async destroyInstanceData(input: { stanza: string }): Promise<void> {
      const paths = deps.engine.paths(input.stanza);
      // data a replace restore kept aside for undo (pgdata.before-<restore>, pgdata.undone-<restore>)
      // goes with the instance: the undo is refused once it is deleted, and that restore's own
      // expiry would otherwise be the only thing left to remove it
      const keptAside = (await readdir(paths.root).catch(() => [] as string[]))
        .filter((name) => /^pgdata\.(before|undone)-/.test(name))
        .map((name) => path.join(paths.root, name));
      await withHeartbeat(async () => {
        for (const pgdata of [paths.pgdata, ...keptAside])
          await deps.engine.destroyCluster({
            pgdata,
            label: `instance ${input.stanza} (${path.basename(pgdata)})`,
          });
      });
    },
    /** removes backups and WAL of the stanza from both regions; idempotent */
    async deleteStanza(input: { stanza: string }): Promise<{ deleted: boolean; reason?: string }> {
      const conf = deps.engine.paths(input.stanza).pgbackrestConf;
      if (
        !(await stat(conf).then(
          () => true,
          () => false,
        ))
      )
        // without its config (repo keys, cipher pass) this host cannot touch the stanza
        return { deleted: false, reason: `no pgBackRest config at ${conf}` };
      await withHeartbeat(() => deps.engine.stanzaDelete({ instanceId: input.stanza }), {
        phase: 'stanza-delete',
      });
      return { deleted: true };
    },
  };
}
