import { z } from 'zod';

/** Parsed `pgbackrest info --output=json`, regrouped per repo because the catalog mirrors each region separately. */

export interface PgBackRestStatus {
  code: number;
  message: string;
}

export interface BackupInfo {
  label: string;
  type: 'full' | 'diff' | 'incr';
  repo: number;
  /** pgBackRest's db history id (changes after stanza-upgrade) */
  dbId: number;
  /** Unix seconds and RFC 3339 UTC for the same instants */
  startEpoch: number;
  stopEpoch: number;
  startTime: string;
  stopTime: string;
  startLsn: string;
  stopLsn: string;
  /** first and last WAL segment the backup needs to be consistent */
  walStart: string | null;
  walStop: string | null;
  /** database size and what the repo stores for it (compressed, deduplicated) */
  sizeBytes: number;
  deltaBytes: number;
  repoSizeBytes: number;
  repoDeltaBytes: number;
  prior: string | null;
  /** true when pgBackRest found page checksum errors while copying */
  error: boolean;
}

export interface WalArchiveInfo {
  repo: number;
  /** "15-1": PostgreSQL major version and db history id */
  archiveId: string;
  dbId: number;
  /** oldest and newest WAL segment present; gaps in between are not reported by `info` */
  walMin: string | null;
  walMax: string | null;
}

export interface RepoInfo {
  repo: number;
  status: PgBackRestStatus;
  cipher: string | null;
  backups: BackupInfo[];
  archives: WalArchiveInfo[];
  databases: { dbId: number; systemId: string; version: string }[];
}

export interface StanzaInfo {
  stanza: string;
  status: PgBackRestStatus;
  backupLockHeld: boolean;
  cipher: string | null;
  repos: RepoInfo[];
}

const statusSchema = z.object({ code: z.number(), message: z.string() });
const dbRefSchema = z.object({ id: z.number(), 'repo-key': z.number() });

const rawSchema = z.array(
  z.object({
    name: z.string(),
    cipher: z.string().nullish(),
    status: statusSchema.extend({
      lock: z
        .object({ backup: z.object({ held: z.boolean() }).partial() })
        .partial()
        .optional(),
    }),
    repo: z
      .array(z.object({ key: z.number(), cipher: z.string().nullish(), status: statusSchema }))
      .default([]),
    db: z
      .array(
        z.object({
          id: z.number(),
          'repo-key': z.number(),
          'system-id': z.string(),
          version: z.string(),
        }),
      )
      .default([]),
    archive: z
      .array(
        z.object({
          database: dbRefSchema,
          id: z.string(),
          min: z.string().nullable(),
          max: z.string().nullable(),
        }),
      )
      .default([]),
    backup: z
      .array(
        z.object({
          label: z.string(),
          type: z.enum(['full', 'diff', 'incr']),
          database: dbRefSchema,
          timestamp: z.object({ start: z.number(), stop: z.number() }),
          lsn: z.object({ start: z.string(), stop: z.string() }),
          archive: z.object({ start: z.string().nullable(), stop: z.string().nullable() }),
          info: z.object({
            size: z.number(),
            delta: z.number(),
            repository: z.object({ size: z.number(), delta: z.number() }),
          }),
          prior: z.string().nullable(),
          error: z.boolean().optional(),
        }),
      )
      .default([]),
  }),
);

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/**
 * `system-id` is a 64-bit integer that JSON.parse would round; quote it before parsing so it
 * survives as a string (it identifies the cluster, so a rounded value would be a wrong answer).
 */
function quoteBigIntegers(json: string): string {
  return json.replace(/("system-id"\s*:\s*)(\d+)/g, '$1"$2"');
}

export function parseInfo(json: string): StanzaInfo[] {
  let data: unknown;
  try {
    data = JSON.parse(quoteBigIntegers(json));
  } catch (err) {
    throw new Error(`pgbackrest info printed invalid JSON: ${(err as Error).message}`);
  }
  const parsed = rawSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`pgbackrest info JSON has an unexpected shape: ${problems.join('; ')}`);
  }
  return parsed.data.map((s) => {
    const repoKeys = new Set<number>([
      ...s.repo.map((r) => r.key),
      ...s.backup.map((b) => b.database['repo-key']),
      ...s.archive.map((a) => a.database['repo-key']),
    ]);
    const repos: RepoInfo[] = [...repoKeys]
      .sort((a, b) => a - b)
      .map((key) => {
        const r = s.repo.find((x) => x.key === key);
        return {
          repo: key,
          status: r?.status ?? { code: -1, message: 'not reported' },
          cipher: r?.cipher ?? null,
          backups: s.backup
            .filter((b) => b.database['repo-key'] === key)
            .map((b) => ({
              label: b.label,
              type: b.type,
              repo: key,
              dbId: b.database.id,
              startEpoch: b.timestamp.start,
              stopEpoch: b.timestamp.stop,
              startTime: iso(b.timestamp.start),
              stopTime: iso(b.timestamp.stop),
              startLsn: b.lsn.start,
              stopLsn: b.lsn.stop,
              walStart: b.archive.start,
              walStop: b.archive.stop,
              sizeBytes: b.info.size,
              deltaBytes: b.info.delta,
              repoSizeBytes: b.info.repository.size,
              repoDeltaBytes: b.info.repository.delta,
              prior: b.prior,
              error: b.error ?? false,
            }))
            .sort((a, b) => a.stopEpoch - b.stopEpoch),
          archives: s.archive
            .filter((a) => a.database['repo-key'] === key)
            .map((a) => ({
              repo: key,
              archiveId: a.id,
              dbId: a.database.id,
              walMin: a.min,
              walMax: a.max,
            })),
          databases: s.db
            .filter((d) => d['repo-key'] === key)
            .map((d) => ({ dbId: d.id, systemId: d['system-id'], version: d.version })),
        };
      });
    return {
      stanza: s.name,
      status: { code: s.status.code, message: s.status.message },
      backupLockHeld: s.status.lock?.backup?.held ?? false,
      cipher: s.cipher ?? null,
      repos,
    };
  });
}

/**
 * Earliest second a `--type=time` restore can target from this backup: pgBackRest only picks a
 * backup whose stop time is strictly before the target, so the stop second itself is not servable.
 */
export function earliestTimeTarget(backup: Pick<BackupInfo, 'stopEpoch'>): string {
  return iso(backup.stopEpoch + 1);
}
