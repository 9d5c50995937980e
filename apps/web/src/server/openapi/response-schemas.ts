import 'server-only';
import { appErrorCodes, destructiveEventKinds, relationNameResolutions } from '@rewind/core';
import { z } from 'zod';

/**
 * Response shapes as the OpenAPI document states them (the routes build them from
 * lib/api-types.ts). Objects are open (`passthrough`): a field added to an answer does not break
 * a client, and the document checks what a client relies on.
 */
const time = z.string().datetime({ offset: true });
const open = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough();

export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: z.enum(appErrorCodes),
        message: z.string(),
        details: z.record(z.unknown()).optional(),
      })
      .strict(),
  })
  .strict();

export const acceptedSchema = open({ id: z.string(), status: z.string() });
export const okSchema = open({});
export const listOf = (item: z.ZodTypeAny) => z.array(item);

export const windowRegionSchema = open({
  region: z.string(),
  earliest: time.nullable(),
  latest: time.nullable(),
  gaps: z.array(open({ from: time, to: time })),
  rpoSeconds: z.number().int().nullable(),
  latestCommitAt: time.nullable(),
  archivedThroughAt: time.nullable(),
  unarchivedWalBytes: z.number().int().nullable(),
  archiveOk: z.boolean(),
  error: z.string().nullable(),
  syncedAt: time.nullable(),
});

export const instanceSummarySchema = open({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  kind: z.string(),
  pgVersion: z.number().int(),
  createdAt: time,
  rpoSeconds: z.number().int().nullable().optional(),
  lastBackupAt: time.nullable().optional(),
});

export const instanceDetailSchema = instanceSummarySchema.extend({
  connection: open({}).nullable(),
  window: open({ regions: z.array(windowRegionSchema) }),
  rpoSeconds: z.number().int().nullable(),
  lastBackup: open({}).nullable(),
  geoCheck: open({}).nullable(),
});

const candidateSchema = open({
  region: z.string(),
  backupLabel: z.string(),
  endOfArchivedWal: open({
    archivedThrough: time,
    lastCommit: open({ lsn: z.string(), xid: z.string().nullable(), at: time }).nullable(),
  }).optional(),
});

export const preflightSchema = open({
  instanceId: z.string(),
  mode: z.enum(['clone', 'replace']),
  target: z.unknown(),
  description: z.string(),
  region: z.string(),
  backupLabel: z.string(),
  candidates: z.array(candidateSchema),
  targetUtc: time.nullable(),
  targetLocal: z.string().nullable(),
  timeZone: z.string(),
  notes: z.array(z.string()),
});

export const restoreSchema = open({
  id: z.string(),
  status: z.string(),
  phase: z.string(),
  target: z.unknown(),
  region: z.string().nullable(),
  checks: z.array(open({ name: z.string(), ok: z.boolean(), detail: z.string() })),
});

export const timeTravelSchema = open({
  restoreId: z.string(),
  status: z.string(),
  cloneId: z.string().nullable(),
  reused: z.boolean(),
  target: z.unknown(),
});

export const consoleQuerySchema = open({
  instanceId: z.string(),
  access: z.enum(['owner', 'read_only']),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string().nullable())),
  more: z.boolean(),
});

export const meSchema = open({
  principal: open({
    kind: z.enum(['session', 'token']),
    userId: z.string(),
    email: z.string(),
    isPlatformAdmin: z.boolean(),
  }),
  tenant: open({ id: z.string(), slug: z.string(), name: z.string() }),
  role: z.string(),
  permissions: z.array(z.string()),
});

export const healthSchema = open({ status: z.string() });

export const walEventSchema = open({
  kind: z.enum(destructiveEventKinds),
  xid: z.number().int(),
  lsn: z.string(),
  time,
  database: z.string().nullable(),
  schema: z.string().nullable(),
  table: z.string().nullable(),
  tables: z.array(open({ schema: z.string(), table: z.string() })),
  relations: z.array(z.string()).optional(),
  rowCount: z.number().int().optional(),
  confidence: z.enum(['exact', 'inferred']),
  restoreTarget: open({ xid: z.string(), inclusive: z.literal(false) }).describe(
    'POST …/restores with this target restores to just before the event',
  ),
  resolution: z
    .enum(relationNameResolutions)
    .describe(
      'recorded: named from catalog syncs (or a restored copy read earlier). pending: no sync saw the relation (made and dropped between two syncs); a transient clone at just before the event is being read in the background and a later call names it (allow a few minutes). unresolved: that read finished without a name',
    ),
});

export const walEventsResponseSchema = open({
  from: time,
  to: time,
  events: z.array(walEventSchema),
});

const count = z.number().int().nullable();

export const cloneDiffSchema = open({
  restoreId: z.string(),
  cloneInstanceId: z.string(),
  sourceInstanceId: z.string(),
  comparedAt: time,
  sampleBound: z.number().int(),
  listBound: z.number().int(),
  tables: z.array(
    open({
      database: z.string(),
      schema: z.string(),
      table: z.string(),
      status: z.enum([
        'compared',
        'no_primary_key',
        'primary_key_differs',
        'only_in_clone',
        'only_in_source',
      ]),
      primaryKey: z.array(z.string()).nullable(),
      rowCounts: open({ clone: count, source: count }),
      onlyInClone: count,
      onlyInSource: count,
      changed: count,
      rows: z.array(
        open({
          change: z.enum(['only_in_clone', 'only_in_source', 'changed']),
          key: z.record(z.string().nullable()),
        }),
      ),
      rowsTruncated: z.boolean(),
      sample: open({
        modulus: z.number().int(),
        bound: z.number().int(),
        comparedClone: z.number().int(),
        comparedSource: z.number().int(),
      })
        .nullable()
        .describe('very large tables: the rows whose key hashes into 1 of modulus buckets'),
    }),
  ),
});
