import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanCandidate, RestoreTargetSpec } from '@rewind/core';
import { and, backups, eq, inTenantTx, updateRestore } from '@rewind/db';
import { mkdirForPostgres, repoForRegion } from '@rewind/engine';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { dirSize } from './dir-size';
import { engineTarget } from './engine-target';
import { verifyRestoredCopy, type IntegrityCheck } from './verify-restored-copy';

export interface RestoredFrom {
  region: string;
  backupLabel: string;
  /** regions tried first that failed, with why (region A unreachable → B) */
  fellBackFrom: { region: string; error: string }[];
}

const MARKER = '# rewind: restored copy';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Steps of a restore that touch this host's disks and processes (host queue). */
export function restoreHostActivities(deps: ActivityDeps) {
  const { engine } = deps;
  const label = (cloneId: string) => `restored copy ${cloneId}`;
  const progress = (tenantId: string, restoreId: string, value: Record<string, unknown>) =>
    inTenantTx(deps.db, { tenantId }, (tx) =>
      updateRestore(tx, tenantId, restoreId, { progress: value }),
    ).catch(
      () => undefined, // progress is best effort; the phase records are what matter
    );

  return {
    /**
     * pgbackrest restore of the source's backup + WAL into the clone's directory, from the first
     * region that works. Idempotent: engine.restore wipes the directory first.
     */
    async restoreClone(input: {
      tenantId: string;
      restoreId: string;
      sourceInstanceId: string;
      cloneId: string;
      candidates: PlanCandidate[];
      target: RestoreTargetSpec;
    }): Promise<RestoredFrom> {
      const paths = engine.paths(input.cloneId);
      for (const dir of [paths.root, paths.log, paths.run]) await mkdirForPostgres(dir, 0o700);
      const fellBackFrom: RestoredFrom['fellBackFrom'] = [];
      for (const c of input.candidates) {
        const size = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
          tx
            .select({ sizeBytes: backups.sizeBytes })
            .from(backups)
            .where(
              and(
                eq(backups.instanceId, input.sourceInstanceId),
                eq(backups.region, c.region),
                eq(backups.label, c.backupLabel),
              ),
            ),
        ).then((r) => r[0]?.sizeBytes ?? null);
        const watch = setInterval(() => {
          void dirSize(paths.pgdata).then((bytes) =>
            progress(input.tenantId, input.restoreId, {
              percent: 15 + Math.round(45 * Math.min(1, size ? bytes / size : 0)),
              bytesRestored: bytes,
              ...(size ? { bytesTotal: size } : {}),
            }),
          );
        }, 3_000);
        try {
          await withHeartbeat(
            () =>
              engine.restore({
                instanceId: input.sourceInstanceId,
                targetDir: paths.pgdata,
                repo: repoForRegion(engine.config, c.region),
                target: engineTarget(input.target),
                set: c.backupLabel,
              }),
            { phase: 'restoring', region: c.region },
          );
          return { region: c.region, backupLabel: c.backupLabel, fellBackFrom };
        } catch (err) {
          fellBackFrom.push({ region: c.region, error: message(err) });
        } finally {
          clearInterval(watch);
        }
      }
      throw new Error(
        fellBackFrom.map((f) => `while restoring from ${f.region}: ${f.error}`).join('\n') ||
          'no region can serve this restore',
      );
    },

    /**
     * Starts the restored copy on its own port and waits until recovery reached the target and
     * promoted. autovacuum stays off until the copy is verified, so no transaction commits
     * between promotion and the "stopped at the target" check.
     */
    async startClone(input: {
      tenantId: string;
      restoreId: string;
      cloneId: string;
      port: number;
    }): Promise<void> {
      const paths = engine.paths(input.cloneId);
      const auto = path.join(paths.pgdata, 'postgresql.auto.conf');
      const current = await readFile(auto, 'utf8').catch(() => '');
      if (!current.includes(MARKER)) {
        await engine.prepareRestoredCluster({
          pgdata: paths.pgdata,
          port: input.port,
          socketDir: paths.run,
        });
        await appendFile(auto, 'autovacuum = off\n');
      }
      await withHeartbeat(
        async () => {
          await engine.startCluster({
            pgdata: paths.pgdata,
            logFile: paths.postgresLog,
            label: label(input.cloneId),
            timeoutSeconds: 600,
          });
          const target = { socketDir: paths.run, port: input.port };
          const deadline = Date.now() + 6 * 60 * 60_000;
          for (;;) {
            const row = await engine.runSql(
              target,
              "select pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn()::text, '')",
              { context: `checking recovery of ${label(input.cloneId)}`, timeoutMs: 15_000 },
            );
            const [inRecovery, replayed] = row.split('|');
            if (inRecovery === 'f') return;
            await progress(input.tenantId, input.restoreId, {
              percent: 75,
              replayedLSN: replayed || undefined,
            });
            if (Date.now() > deadline)
              throw new Error(`${label(input.cloneId)} did not finish recovery in 6 hours`);
            await new Promise((r) => setTimeout(r, 1_000));
          }
        },
        { phase: 'waiting_for_promotion' },
      );
    },

    /** Integrity checks; also gives the tenant's role the clone's own password (needed for its queries). */
    async verifyClone(input: {
      tenantId: string;
      cloneId: string;
      sourceInstanceId: string;
      port: number;
      target: RestoreTargetSpec;
    }): Promise<IntegrityCheck[]> {
      return withHeartbeat(() => verifyRestoredCopy(deps, input), { phase: 'verifying' });
    },

    /** Hands the verified copy over: normal autovacuum again. */
    async openClone(input: { cloneId: string; port: number }): Promise<void> {
      const paths = engine.paths(input.cloneId);
      await engine.runSql(
        { socketDir: paths.run, port: input.port },
        'ALTER SYSTEM RESET autovacuum;\nselect pg_reload_conf();',
        { context: `opening ${label(input.cloneId)}` },
      );
    },

    /** Compensation and TTL expiry: no process, port or directory survives. Idempotent. */
    async destroyClone(input: { cloneId: string }): Promise<void> {
      await withHeartbeat(() => engine.destroyInstance({ instanceId: input.cloneId }), {
        phase: 'destroying',
      });
    },
  };
}
