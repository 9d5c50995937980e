import 'server-only';
import { AppError, isAppError, parseTargetTime } from '@rewind/core';

export interface WalEventsQuery {
  from: string;
  to: string;
}

// bounds the WAL one request may make the host read
const MAX_SPAN_MS = 7 * 24 * 3600 * 1000;

function instant(params: URLSearchParams, name: 'from' | 'to'): string {
  const value = params.get(name);
  if (value === null)
    throw new AppError(
      'validation_failed',
      `query parameter ${name} is required (RFC 3339 with an offset, e.g. 2026-11-22T14:05:00Z)`,
    );
  try {
    return parseTargetTime(value).iso;
  } catch (err) {
    // every malformed or zone-less time is plain bad input here: 400, with the parser's reason
    if (isAppError(err)) throw new AppError('validation_failed', `${name}: ${err.message}`);
    throw err;
  }
}

/** `from` and `to` of GET …/wal-events: both required, RFC 3339 with an offset, from ≤ to. */
export function parseWalEventsQuery(params: URLSearchParams): WalEventsQuery {
  const from = instant(params, 'from');
  const to = instant(params, 'to');
  const span = Date.parse(to) - Date.parse(from);
  if (span < 0) throw new AppError('validation_failed', `from (${from}) is after to (${to})`);
  if (span > MAX_SPAN_MS)
    throw new AppError('validation_failed', 'from and to may be at most 7 days apart');
  return { from, to };
}
