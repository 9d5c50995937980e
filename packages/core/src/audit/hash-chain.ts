import { createHash } from 'node:crypto';

/**
 * Per-tenant hash chain over audit events: hash = sha256(prevHash ‖ canonical(event)).
 * Changing, removing or reordering any event breaks every later link, and the first broken
 * link names the row that was touched.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What is hashed: everything that gives an event its meaning, including its place in the chain. */
export interface AuditEventContent {
  tenantId: string | null;
  seq: number;
  /** RFC 3339 UTC with milliseconds (what Date#toISOString gives and the database round-trips) */
  at: string;
  actorType: 'user' | 'token' | 'system';
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
}

/**
 * Deterministic JSON: object keys sorted by code point, no whitespace, `undefined` members
 * dropped (as JSON.stringify and jsonb do). Non-finite numbers and non-plain values throw:
 * they would not survive a round trip through jsonb and the chain would break on read.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonical JSON cannot hold ${value}`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null)
        throw new Error('canonical JSON holds plain objects only');
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new Error(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/** Only the content fields are hashed, so a whole stored row (with id, hashes) may be passed. */
export function computeEventHash(prevHash: string, event: AuditEventContent): string {
  return createHash('sha256')
    .update(prevHash, 'utf8')
    .update(canonicalJson(pickContent(event)), 'utf8')
    .digest('hex');
}

/** A stored event: the hashed content plus its id and the chain fields. */
export interface ChainedAuditEvent extends AuditEventContent {
  id: number | string;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; seq: number; id: number | string; reason: string };

/** Where a verification continues from, for chains checked in batches. */
export interface ChainPosition {
  prevHash: string;
  nextSeq: number;
}

/**
 * Takes one chain's events (any order) and reports the first link that does not hold.
 * Pass `from` (the previous batch's `lastHash` and next seq) to verify a long chain in pages.
 */
export function verifyChain(
  events: readonly ChainedAuditEvent[],
  from: ChainPosition = { prevHash: GENESIS_HASH, nextSeq: 1 },
): ChainVerdict {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let prevHash = from.prevHash;
  let expectedSeq = from.nextSeq;
  for (const e of sorted) {
    if (e.seq !== expectedSeq) {
      const reason =
        e.seq < expectedSeq
          ? `sequence ${e.seq} appears twice`
          : `events ${expectedSeq}..${e.seq - 1} are missing`;
      return { ok: false, seq: e.seq, id: e.id, reason };
    }
    if (e.prevHash !== prevHash) {
      return {
        ok: false,
        seq: e.seq,
        id: e.id,
        reason: 'prev_hash does not match the hash of the event before it',
      };
    }
    const expected = computeEventHash(prevHash, e);
    if (e.hash !== expected) {
      return {
        ok: false,
        seq: e.seq,
        id: e.id,
        reason: 'content does not match its hash (the event was altered)',
      };
    }
    prevHash = e.hash;
    expectedSeq++;
  }
  return { ok: true, count: sorted.length, lastHash: prevHash };
}

export function pickContent(e: AuditEventContent): AuditEventContent {
  return {
    tenantId: e.tenantId,
    seq: e.seq,
    at: e.at,
    actorType: e.actorType,
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    data: e.data,
  };
}
