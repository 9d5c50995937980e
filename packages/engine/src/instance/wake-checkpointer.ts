import type { EngineConfig } from '../engine-config';
import { readPostmasterPid, runSql } from './cluster';

/**
 * What makes archive_timeout hold from the moment a server starts. PostgreSQL 15 starts its
 * checkpointer beside the startup process, and the checkpointer's first sleep is computed while
 * recovery is still in progress, when archive_timeout is ignored: it sleeps the whole
 * checkpoint_timeout (5 min) and forces no segment switch until then, so every commit of a
 * freshly started instance stays in the open WAL segment, unarchived, for up to 5 min instead of
 * archive_timeout. A reload (SIGHUP) wakes it; its next sleep honours archive_timeout. Sent only
 * once recovery is over (before that, the wake-up would compute the same sleep again).
 */
export const WAKE_CHECKPOINTER_SQL =
  'select pg_reload_conf() from (select 1) one where not pg_is_in_recovery()';

export async function wakeCheckpointer(
  config: Pick<EngineConfig, 'pgBinDir'>,
  input: { pgdata: string; label: string },
): Promise<void> {
  const pid = await readPostmasterPid(input.pgdata);
  if (!pid) throw new Error(`while waking the checkpointer of ${input.label}: no postmaster.pid`);
  await runSql(config, { socketDir: pid.socketDir, port: pid.port }, WAKE_CHECKPOINTER_SQL, {
    context: `waking the checkpointer of ${input.label} (archive_timeout after start)`,
    timeoutMs: 15_000,
  });
}
