import { readdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EngineConfig } from '../engine-config';
import { writeFileForPostgres } from '../fs-owner';
import { instancePaths } from '../paths';
import { runAsPostgres } from '../run-as-postgres';
import { lsnToSegment } from '../wal/segment-names';
import { compareSegmentNames, isSegmentName } from '../wal/segment-names';
import { pgBin, startCluster, stopCluster } from './cluster';
import { readInstanceMeta } from './instance-meta';
import { archiveCommand } from './render-postgresql-conf';
import { wakeCheckpointer } from './wake-checkpointer';

export interface SwapPgdataInput {
  /** the instance whose endpoint (port, socket, stanza) keeps serving */
  instanceId: string;
  /** the data directory to move in (a restored copy, or data kept aside by an earlier swap) */
  incomingPgdata: string;
  /** where the instance's current data directory goes; kept for undo until destroyed */
  asideDir: string;
}

export interface SwapPgdataResult {
  /** the timeline the instance now runs on */
  timeline: number;
  /** files handed to the archiver that archive_mode=off had left unarchived */
  markedForArchive: string[];
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

const SWAP_MARKER = '# rewind: serving instance';
// settings the swap owns; any earlier value of these in postgresql.auto.conf is dropped
// restore_command too: the restored copy's points at the copy's own (then deleted) spool dir
const OWNED =
  /^\s*(port|unix_socket_directories|archive_mode|archive_command|archive_timeout|autovacuum|restore_command)\s*=/;

/** postgresql.auto.conf with this instance's endpoint and archiving (pure, for tests). */
export function renderServingAutoConf(
  current: string,
  settings: {
    port: number;
    socketDir: string;
    archiveCommand: string;
    /**
     * the instance's current one (instance.json): the incoming data carries whatever the source
     * ran with when its backup was taken, which a plan change since then has replaced
     */
    archiveTimeoutSeconds?: number;
  },
): string {
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const kept = current
    .split('\n')
    .filter(
      (l) => !OWNED.test(l) && l.trim() !== SWAP_MARKER && l.trim() !== '# rewind: restored copy',
    );
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  return [
    ...kept,
    SWAP_MARKER,
    `port = ${settings.port}`,
    `unix_socket_directories = ${quote(settings.socketDir)}`,
    'archive_mode = on',
    `archive_command = ${quote(settings.archiveCommand)}`,
    ...(settings.archiveTimeoutSeconds !== undefined
      ? [`archive_timeout = '${settings.archiveTimeoutSeconds}'`]
      : []),
    '',
  ].join('\n');
}

/** "Latest checkpoint location", its timeline and the segment size, from pg_controldata output (pure). */
export function parseControlData(text: string): {
  checkpointLsn: string;
  timeline: number;
  walSegmentSize: number;
} {
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(text);
    if (!m) throw new Error(`pg_controldata has no "${name}"`);
    return m[1]!.trim();
  };
  return {
    checkpointLsn: field('Latest checkpoint location'),
    timeline: Number(field("Latest checkpoint's TimeLineID")),
    walSegmentSize: Number(field('Bytes per WAL segment')),
  };
}

/**
 * A copy restored with --archive-mode=off promoted without telling the archiver: its new
 * timeline's history file and the segments it completed since have no .ready file, so they
 * would never reach the repositories. The history file matters most: the next promotion picks
 * its timeline by probing the archive for history files, and must not reuse this one.
 */
export async function markUnarchived(
  config: EngineConfig,
  pgdata: string,
): Promise<SwapPgdataResult> {
  const r = await runAsPostgres(pgBin(config, 'pg_controldata'), ['-D', pgdata], {
    context: `reading the control file of ${pgdata}`,
    timeoutMs: 15_000,
  });
  const control = parseControlData(r.stdout);
  const wal = path.join(pgdata, 'pg_wal');
  const status = path.join(wal, 'archive_status');
  const current = lsnToSegment(control.checkpointLsn, control.timeline, control.walSegmentSize);
  const tli = control.timeline.toString(16).toUpperCase().padStart(8, '0');
  const names = await readdir(wal);
  const done = new Set(await readdir(status).catch(() => [] as string[]));
  const wanted = names.filter(
    (n) =>
      n === `${tli}.history` ||
      // only complete segments: the one holding the checkpoint (and later, recycled ones) are not
      (isSegmentName(n) && n.startsWith(tli) && compareSegmentNames(n, current) < 0),
  );
  const marked: string[] = [];
  for (const n of wanted) {
    if (done.has(`${n}.done`) || done.has(`${n}.ready`)) continue;
    await writeFileForPostgres(path.join(status, `${n}.ready`), '', 0o600);
    marked.push(n);
  }
  return { timeline: control.timeline, markedForArchive: marked };
}

/**
 * Cutover of one instance onto another data directory: stop, move the current data aside,
 * move the incoming data in, point it at this instance's port, socket and stanza with
 * archiving on, start. Every step checks where a previous attempt got to, so a retry (or a
 * worker that died halfway) finishes the same swap rather than starting another.
 */
export async function swapPgdata(
  config: EngineConfig,
  input: SwapPgdataInput,
): Promise<SwapPgdataResult> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  const label = `instance ${input.instanceId}`;
  const meta = await readInstanceMeta(paths.meta);
  if (!meta)
    throw new Error(`${label} is not initialized on host ${config.hostId} (no ${paths.meta})`);

  // phase: stop both (the incoming copy may still run on its own port)
  if (await exists(input.incomingPgdata))
    await stopCluster(config, { pgdata: input.incomingPgdata, label: `incoming data of ${label}` });
  if (await exists(paths.pgdata)) await stopCluster(config, { pgdata: paths.pgdata, label });

  // phase: move aside, then in (rename: same filesystem, atomic each)
  // (no data directory and nothing aside: an earlier attempt died between the two renames)
  if (!(await exists(input.asideDir)) && (await exists(paths.pgdata)))
    await rename(paths.pgdata, input.asideDir);
  if (await exists(input.incomingPgdata)) {
    if (await exists(paths.pgdata))
      throw new Error(`${label}: ${paths.pgdata} is back in place; refusing to overwrite it`);
    await rename(input.incomingPgdata, paths.pgdata);
  } else if (!(await exists(paths.pgdata))) {
    throw new Error(
      `neither ${input.incomingPgdata} nor ${paths.pgdata} exists: the swap lost its data`,
    );
  }

  // phase: configure as this instance (idempotent: owned settings are rewritten, not appended)
  const auto = path.join(paths.pgdata, 'postgresql.auto.conf');
  await writeFileForPostgres(
    auto,
    renderServingAutoConf(await readFile(auto, 'utf8').catch(() => ''), {
      port: meta.port,
      socketDir: paths.run,
      archiveCommand: archiveCommand({ stanza: input.instanceId }),
      archiveTimeoutSeconds: meta.archiveTimeoutSeconds,
    }),
    0o600,
  );
  const result = await markUnarchived(config, paths.pgdata);

  // phase: start on the instance's port
  await startCluster(config, {
    pgdata: paths.pgdata,
    logFile: paths.postgresLog,
    label,
    timeoutSeconds: 300,
  });
  await wakeCheckpointer(config, { pgdata: paths.pgdata, label });
  return result;
}
