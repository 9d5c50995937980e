import 'server-only';
import { AppError, destructiveEventKinds, type DestructiveEventKind } from '@rewind/core';
import { z } from 'zod';
import { readQuery } from '../api/read-query';
import { rfc3339Param } from '../api/query-fields';

export interface WalEventsQuery {
  from: string;
  to: string;
  /** absent: every kind */
  kinds?: DestructiveEventKind[];
}

// bounds the WAL one request may make the host read
const MAX_SPAN_MS = 7 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

const kindsParam = z.string().transform((value, ctx) => {
  const kinds = value.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(destructiveEventKinds as readonly string[]).includes(k));
  if (unknown.length > 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `unknown kind ${unknown.map((k) => JSON.stringify(k)).join(', ')}: one or more of ${destructiveEventKinds.join(', ')}, comma-separated`,
    });
    return z.NEVER;
  }
  return [...new Set(kinds)] as DestructiveEventKind[];
});

/** The query as validated (and as the OpenAPI document states it). */
export const walEventsQuery = z
  .object({
    from: rfc3339Param.optional().describe('RFC 3339 with an offset; default: an hour before to'),
    to: rfc3339Param
      .optional()
      .describe('RFC 3339 with an offset, at most 7 days after from; default: now'),
    kinds: kindsParam
      .optional()
      .describe(`comma-separated, any of ${destructiveEventKinds.join(', ')}; default: every kind`),
  })
  .strict();

/** UTC, to the millisecond the parser kept (`Z`, no `.000` for whole seconds). */
function iso(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

/**
 * The query of GET …/wal-events: `from` and `to` RFC 3339 with an offset (`to` defaults to now,
 * `from` to an hour before `to`), from ≤ to at most 7 days apart, `kinds` a comma-separated
 * filter. An unknown or repeated parameter is refused: a typo must not widen the answer.
 */
export function parseWalEventsQuery(url: URL, nowMs = Date.now()): WalEventsQuery {
  const q = readQuery(url, walEventsQuery);
  const to = q.to ?? new Date(Math.floor(nowMs / 1000) * 1000);
  const from = q.from ?? new Date(to.getTime() - HOUR_MS);
  const span = to.getTime() - from.getTime();
  if (span < 0)
    throw new AppError('validation_failed', `from (${iso(from)}) is after to (${iso(to)})`);
  if (span > MAX_SPAN_MS)
    throw new AppError('validation_failed', 'from and to may be at most 7 days apart');
  return { from: iso(from), to: iso(to), ...(q.kinds ? { kinds: q.kinds } : {}) };
}
