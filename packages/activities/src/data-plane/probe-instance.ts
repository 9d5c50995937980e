import { readFile, statfs } from 'node:fs/promises';
import { DATA_VOLUME_FULL_REASON } from '@rewind/core';
import {
  inTenantTx,
  readControlPlaneClock,
  recordInstanceProbe,
  type InstanceProbe,
} from '@rewind/db';
import type { ActivityDeps } from '../deps';
import type { InstanceFacts } from './instance-facts';

/**
 * Below this much free space PostgreSQL cannot create its next WAL segment (16 MiB), and table
 * extensions fail: it refuses writes. The instance says so instead of only failing commits.
 */
export const DATA_VOLUME_FULL_BELOW_BYTES = 16 * 1024 * 1024;

const WAKE_RECENT_CHECKPOINTER_SQL = `select pg_reload_conf() from pg_stat_activity
  where backend_type = 'checkpointer' and not pg_is_in_recovery()
    and backend_start > now() - current_setting('checkpoint_timeout')::interval`;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The last PANIC or FATAL line of the server's log: why it stopped, in its own words. */
async function lastFatalLine(logPath: string): Promise<string | null> {
  const text = await readFile(logPath, 'utf8').catch(() => '');
  const lines = text.split('\n').filter((l) => /\b(PANIC|FATAL):/.test(l));
  return lines.length > 0 ? lines[lines.length - 1]!.trim() : null;
}

/**
 * At each catalog sync: is the instance's data volume full, is its server up, and how far is its
 * clock from the control plane's (commit timestamps, hence time targets, are on its clock). A
 * running instance whose server is down (PostgreSQL PANICs when it cannot write WAL) is started
 * again once there is space. Stored on the instance; a probe failure never fails the sync.
 */
export async function probeInstance(
  deps: ActivityDeps,
  facts: InstanceFacts,
): Promise<InstanceProbe & { restarted: boolean }> {
  const paths = deps.engine.paths(facts.stanza);
  const reasons: string[] = [];
  let restarted = false;
  let clockSkewMs: number | null = null;

  const fs = await statfs(paths.pgdata).catch(() => null);
  const free = fs ? fs.bavail * fs.bsize : null;
  const full = free !== null && free < DATA_VOLUME_FULL_BELOW_BYTES;
  if (full)
    reasons.push(
      `${DATA_VOLUME_FULL_REASON}: ${mib(free)} free of ${mib(fs!.blocks * fs!.bsize)}; PostgreSQL refuses writes until space is freed`,
    );

  let status = await deps.engine.instanceStatus({ instanceId: facts.stanza });
  if (!status.running && facts.status === 'running' && status.initialized && !full) {
    await deps.engine.startInstance({ instanceId: facts.stanza }).then(
      () => (restarted = true),
      () => undefined,
    );
    status = await deps.engine.instanceStatus({ instanceId: facts.stanza });
  }
  if (!status.running && facts.status === 'running') {
    const why = await lastFatalLine(paths.postgresLog);
    reasons.push(`PostgreSQL is not running${why ? `: ${why}` : ''}`);
  }

  if (status.running && facts.port !== null) {
    // a server the engine did not start (the postmaster's own restart after a PANIC, e.g. when
    // pg_wal cannot grow on a full volume) has the same sleeping checkpointer wakeCheckpointer
    // wakes after an engine start: for a checkpoint_timeout after its checkpointer started, each
    // probe wakes it again (a reload; a no-op once its sleep honours archive_timeout)
    await deps.engine
      .runSql({ socketDir: paths.run, port: facts.port }, WAKE_RECENT_CHECKPOINTER_SQL, {
        context: `waking the checkpointer of instance ${facts.instanceId}`,
        timeoutMs: 15_000,
      })
      .catch(() => undefined);
    const cp = () => inTenantTx(deps.db, { tenantId: facts.tenantId }, readControlPlaneClock);
    const before = await cp();
    const on = await deps.engine
      .runSql(
        { socketDir: paths.run, port: facts.port },
        'select (extract(epoch from clock_timestamp()) * 1000)::bigint',
        { context: `reading the clock of instance ${facts.instanceId}`, timeoutMs: 15_000 },
      )
      .then(Number, () => null);
    const after = await cp();
    // the instance answered between the two control-plane readings: compare with their middle
    if (on !== null && Number.isFinite(on))
      clockSkewMs = on - (before.getTime() + after.getTime()) / 2;
  }

  const probe: InstanceProbe = {
    healthReason: reasons.length > 0 ? reasons.join('; ') : null,
    clockSkewMs,
    probedAt: new Date(),
  };
  await inTenantTx(deps.db, { tenantId: facts.tenantId }, (tx) =>
    recordInstanceProbe(tx, facts.tenantId, facts.instanceId, probe),
  );
  return { ...probe, restarted };
}
