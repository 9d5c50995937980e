import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  EndOfArchivedWal,
  PlanCandidate,
  RestoreCheck,
  RestoreTargetSpec,
} from '@rewind/core';
import { and, backups, eq, getInstance, inTenantTx, updateRestore } from '@rewind/db';
import { findWalFetchFailure, mkdirForPostgres, repoForRegion } from '@rewind/engine';
import { probeRegion } from '@rewind/storage';
import { ApplicationFailure, CancelledFailure } from '@temporalio/activity';
import { activityCancellationSignal } from '../cancellation-signal';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { dirSize } from './dir-size';
import { candidateTarget } from './engine-target';
import { verifyRestoredCopy } from './verify-restored-copy';

export interface RestoredFrom {
  region: string;
  backupLabel: string;
  /** regions tried first that failed, with why (region A unreachable → B) */
  fellBackFrom: { region: string; error: string }[];
  /** size of the restored data directory (the backup's files; WAL replay comes after) */
  bytesRestored?: number;
}

const MARKER = '# rewind: restored copy';
const REGION_PROBE_MS = 5_000;

export interface RecoveryEnd {
  /** the timeline the copy promoted to */
  timeline: number;
  /** where recovery stopped: the switch point recorded in the new timeline's history file */
  targetLsn: string | null;
}

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

  /** The new timeline's history file ends with "<parent tli>\t<switch LSN>\t<reason>". */
  const recoveryEnd = async (
    pgdata: string,
    target: { socketDir: string; port: number },
  ): Promise<RecoveryEnd> => {
    // not pg_control_checkpoint(): the end-of-recovery checkpoint may not have happened yet
    const timeline = Number.parseInt(
      await engine.runSql(target, 'select substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)', {
        context: `reading the timeline of ${pgdata}`,
      }),
      16,
    );
    const name = `${timeline.toString(16).toUpperCase().padStart(8, '0')}.history`;
    const history = await readFile(path.join(pgdata, 'pg_wal', name), 'utf8').catch(() => '');
    const last = history
      .split('\n')
      .filter((l) => /^\d+\t/.test(l))
      .pop();
    return { timeline, targetLsn: last?.split('\t')[1] ?? null };
  };

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
      // the engine knows the source by its stanza (its directory and pgBackRest config)
      const { stanza } = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        getInstance(tx, input.tenantId, input.sourceInstanceId),
      );
      const fellBackFrom: RestoredFrom['fellBackFrom'] = [];
      const signal = activityCancellationSignal();
      for (const c of input.candidates) {
        if (signal?.aborted) throw new CancelledFailure('restore cancelled');
        // an unreachable S3 endpoint costs pgbackrest minutes of io-timeout retries before it
        // gives up; a bounded probe moves on to the next region in seconds
        const client = [deps.regions.a, deps.regions.b].find((r) => r.region.name === c.region);
        const probe = client ? await probeRegion(client, REGION_PROBE_MS) : null;
        if (probe && !probe.ok) {
          fellBackFrom.push({
            region: c.region,
            error: `unreachable: ${probe.error ?? 'no answer'}`,
          });
          continue;
        }
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
        const started = Date.now();
        const watch = setInterval(() => {
          void dirSize(paths.pgdata).then((bytes) => {
            // linear in bytes copied so far; WAL replay afterwards is not in it
            const rate = bytes / Math.max(1, (Date.now() - started) / 1000);
            const etaSeconds =
              size && rate > 0 ? Math.max(0, Math.round((size - bytes) / rate)) : undefined;
            return progress(input.tenantId, input.restoreId, {
              percent: 15 + Math.round(45 * Math.min(1, size ? bytes / size : 0)),
              bytesRestored: bytes,
              ...(size ? { bytesTotal: size } : {}),
              ...(etaSeconds !== undefined ? { etaSeconds } : {}),
            });
          });
        }, 3_000);
        try {
          await withHeartbeat(
            () =>
              engine.restore({
                instanceId: stanza,
                targetDir: paths.pgdata,
                repo: repoForRegion(engine.config, c.region),
                target: candidateTarget(input.target, c.endOfArchivedWal),
                set: c.backupLabel,
                ...(signal ? { signal } : {}),
              }),
            { phase: 'restoring', region: c.region },
          );
          const bytesRestored = await dirSize(paths.pgdata);
          if (deps.metrics) {
            deps.metrics.restoredSeconds.inc({ region: c.region }, (Date.now() - started) / 1000);
            deps.metrics.restoredBytes.inc({ region: c.region }, bytesRestored);
          }
          return { region: c.region, backupLabel: c.backupLabel, fellBackFrom, bytesRestored };
        } catch (err) {
          // a cancelled restore must not fall back to the next region
          if (signal?.aborted) throw new CancelledFailure('restore cancelled');
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
      /** the source and the region restoreClone used: recovery reads WAL from there only */
      walSource?: { sourceInstanceId: string; region: string };
    }): Promise<RecoveryEnd> {
      const paths = engine.paths(input.cloneId);
      const auto = path.join(paths.pgdata, 'postgresql.auto.conf');
      const current = await readFile(auto, 'utf8').catch(() => '');
      if (!current.includes(MARKER)) {
        const from = input.walSource;
        const walSource = from
          ? {
              stanza: (
                await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
                  getInstance(tx, input.tenantId, from.sourceInstanceId),
                )
              ).stanza,
              repo: repoForRegion(engine.config, from.region),
              copyDir: paths.root,
            }
          : undefined;
        await engine.prepareRestoredCluster({
          pgdata: paths.pgdata,
          port: input.port,
          socketDir: paths.run,
          ...(walSource ? { walSource } : {}),
        });
        await appendFile(auto, 'autovacuum = off\n');
      }
      const waitForPromotion = () =>
        withHeartbeat(
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
              if (inRecovery === 'f') return recoveryEnd(paths.pgdata, target);
              await progress(input.tenantId, input.restoreId, {
                percent: 75,
                replayedLsn: replayed || undefined,
              });
              if (Date.now() > deadline)
                throw new Error(`${label(input.cloneId)} did not finish recovery in 6 hours`);
              await new Promise((r) => setTimeout(r, 1_000));
            }
          },
          { phase: 'waiting_for_promotion' },
        );
      try {
        return await waitForPromotion();
      } catch (err) {
        // recovery stopped short: name the segment the region could not give, if that is why.
        // Retrying cannot fetch a corrupted object, so that failure is final.
        const wal = await findWalFetchFailure(paths.root, paths.postgresLog);
        if (!wal?.segment) throw err;
        const where = input.walSource ? ` from ${input.walSource.region}` : '';
        const why = [...new Set(wal.lines)].join(' | ');
        const first = message(err).split('\n')[0];
        throw ApplicationFailure.nonRetryable(
          `while fetching WAL${where}: archived WAL segment ${wal.segment} could not be restored: ${why} (recovery stopped short: ${first})`.slice(
            0,
            4000,
          ),
          'WalFetchFailed',
        );
      }
    },

    /** Integrity checks; also gives the tenant's role the clone's own password (needed for its queries). */
    async verifyClone(input: {
      tenantId: string;
      cloneId: string;
      sourceInstanceId: string;
      port: number;
      target: RestoreTargetSpec;
      /** the serving candidate's: the target was served as the end of archived WAL */
      endOfArchivedWal?: EndOfArchivedWal;
    }): Promise<RestoreCheck[]> {
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
