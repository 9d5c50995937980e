/**
 * Naming the relations a destructive WAL event touched "as they were at the event". WAL names a
 * relation by its file node (`base/16385/16394`, `1663/16385/16394`) or OID; catalog sync records
 * what each file node was called (RelationNameSpan, only the changes), and these pure functions
 * pick the name in force at the event's commit. A dropped table is resolved like any other: its
 * span closed at the first sync after the DROP.
 */
import type { RestoreTargetSpec } from '../restore/restore-target';
import type { DestructiveEvent } from './destructive-event';

/** One relation file of an instance's catalog as a sync reads it (engine → db). */
export interface CatalogRelation {
  dbOid: number;
  databaseName: string;
  /** pg_class.oid; 0 for the row that names the database itself */
  relOid: number;
  /** pg_class.relfilenode as pg_relation_filenode() answers it; 0 for the database row */
  relfilenode: number;
  /** r, p, m, i, t; '' for the database row */
  relkind: string;
  /** the owning table's schema and name (an index's or TOAST file's table); null for the database row */
  schemaName: string | null;
  tableName: string | null;
  tablespaceOid: number;
}

/** A CatalogRelation with the span of syncs that saw it (RFC 3339; seenUntil null = still there). */
export interface RelationNameSpan extends CatalogRelation {
  seenFrom: string;
  seenUntil: string | null;
}

export interface EventTableName {
  schema: string;
  table: string;
}

/** What GET …/wal-events adds to every event. */
export interface WalEventNames {
  /** the database the event happened in (null: no sync ever saw it) */
  database: string | null;
  /** the first table it touched (for mass changes: the one with the most rows) */
  schema: string | null;
  table: string | null;
  /** every table it touched, once each (indexes and TOAST files count as their table) */
  tables: EventTableName[];
  /** restores to just before this event's commit */
  restoreTarget: Extract<RestoreTargetSpec, { xid: string }>;
}

export type NamedDestructiveEvent = DestructiveEvent & WalEventNames;

/**
 * Where an event's names come from: `recorded` (catalog syncs, or a restored copy's catalog read
 * earlier), `pending` (a relation no sync saw, made and dropped between two syncs: a transient
 * clone at just before the event is being read in the background; ask again), `unresolved`
 * (that read is done and did not name it).
 */
export const relationNameResolutions = ['recorded', 'pending', 'unresolved'] as const;
export type RelationNameResolution = (typeof relationNameResolutions)[number];

/**
 * Does the event name something no recorded span does? A table event without a table, or any
 * event without its database. Only those are worth a restored copy's catalog.
 */
export function needsCatalogLookup(event: NamedDestructiveEvent): boolean {
  if (event.database === null) return true;
  if (event.kind === 'drop_database') return false;
  const touches = (event.relations?.length ?? 0) + (event.relationOids?.length ?? 0);
  return touches > 0 && event.tables.length === 0;
}

/**
 * The spans a restored copy's catalog (read at `at`, just before an event) adds: only relations
 * no recorded span has, each seen at that one instant, so syncs (which compare open spans) never
 * close or reopen them and the event at `at` finds them in force.
 */
export function spansFromRestoredCatalog(
  relations: readonly CatalogRelation[],
  known: readonly CatalogRelation[],
  at: string,
): RelationNameSpan[] {
  const keys = new Set(known.map(catalogRelationKey));
  return relations
    .filter((r) => !keys.has(catalogRelationKey(r)))
    .map((r) => ({ ...r, seenFrom: at, seenUntil: at }));
}

/** The same relation key as catalog sync compares rows by. */
export function catalogRelationKey(r: CatalogRelation): string {
  return JSON.stringify([
    r.dbOid,
    r.relOid,
    r.relfilenode,
    r.relkind,
    r.schemaName,
    r.tableName,
    r.tablespaceOid,
  ]);
}

/** `base/5/16384`, `1663/5/16384`, `pg_tblspc/16500/PG_15_x/5/16384` → database and file node. */
export function relationFile(path: string): { dbOid: number; relfilenode: number } | null {
  const m =
    /^base\/(\d+)\/(\d+)$/.exec(path) ??
    /^\d+\/(\d+)\/(\d+)$/.exec(path) ??
    /^pg_tblspc\/\d+\/[^/]+\/(\d+)\/(\d+)$/.exec(path);
  return m ? { dbOid: Number(m[1]), relfilenode: Number(m[2]) } : null;
}

const epochMs = (iso: string) => Date.parse(iso);

/**
 * The span in force at `at`: one that covers it, else the newest seen before it (the table was
 * dropped before any later sync, which closed the span after the event), else the oldest seen
 * after it (made and changed between two syncs, seen first by a later one).
 */
function inForce<T extends RelationNameSpan>(spans: T[], at: string): T | undefined {
  const t = epochMs(at);
  const covering = spans.filter(
    (s) => epochMs(s.seenFrom) <= t && (s.seenUntil === null || epochMs(s.seenUntil) >= t),
  );
  const pick = (list: T[], newest: boolean) =>
    [...list].sort((a, b) => (epochMs(a.seenFrom) - epochMs(b.seenFrom)) * (newest ? -1 : 1))[0];
  return (
    pick(covering, true) ??
    pick(
      spans.filter((s) => epochMs(s.seenFrom) <= t),
      true,
    ) ??
    pick(spans, false)
  );
}

/** Names one event from the recorded spans of its instance. */
export function nameDestructiveEvent(
  event: DestructiveEvent,
  spans: readonly RelationNameSpan[],
): NamedDestructiveEvent {
  const restoreTarget = { xid: String(event.xid), inclusive: false };
  const files = (event.relations ?? [])
    .map(relationFile)
    .filter((f): f is NonNullable<typeof f> => f !== null);
  const dbOids = new Set<number>(files.map((f) => f.dbOid));
  if (event.dbOid !== undefined) dbOids.add(event.dbOid);

  const matched: RelationNameSpan[] = [];
  for (const f of files) {
    const hit = inForce(
      spans.filter((s) => s.relOid !== 0 && s.dbOid === f.dbOid && s.relfilenode === f.relfilenode),
      event.committedAt,
    );
    if (hit) matched.push(hit);
  }
  // dropped stats / Heap TRUNCATE name pg_class OIDs: a file node not seen may still be known by OID
  for (const oid of event.relationOids ?? []) {
    const hit = inForce(
      spans.filter((s) => s.relOid === oid && (dbOids.size === 0 || dbOids.has(s.dbOid))),
      event.committedAt,
    );
    if (hit) matched.push(hit);
  }

  const tables: EventTableName[] = [];
  for (const m of matched) {
    if (m.schemaName === null || m.tableName === null) continue;
    if (!tables.some((t) => t.schema === m.schemaName && t.table === m.tableName))
      tables.push({ schema: m.schemaName, table: m.tableName });
  }
  const dbOid = matched[0]?.dbOid ?? [...dbOids][0];
  const dbSpan =
    dbOid === undefined
      ? undefined
      : inForce(
          spans.filter((s) => s.dbOid === dbOid),
          event.committedAt,
        );
  return {
    ...event,
    database: matched[0]?.databaseName ?? dbSpan?.databaseName ?? null,
    schema: tables[0]?.schema ?? null,
    table: tables[0]?.table ?? null,
    tables,
    restoreTarget,
  };
}
