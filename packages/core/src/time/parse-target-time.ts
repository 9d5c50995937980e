import { AppError } from '../errors/app-error';

/**
 * Restore targets. PostgreSQL keeps commit timestamps to the microsecond, so a target time is
 * an exact instant in epoch microseconds (bigint: a double cannot hold µs past 2^53).
 */
export interface TargetTime {
  /** the instant in UTC, `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` */
  iso: string;
  epochMicros: bigint;
}

const EXAMPLE = '2026-11-22T14:05:00Z or 2026-11-22T19:35:00+05:30';

// RFC 3339 §5.6: `T` and `Z` may be lower case; a space separator is allowed "for readability".
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function invalid(input: string, why: string): AppError {
  return new AppError(
    'validation_failed',
    `${JSON.stringify(input)} is not a valid target time: ${why}. Use RFC 3339 with an offset, e.g. ${EXAMPLE}`,
  );
}

/** Epoch microseconds of a UTC calendar time; handles years below 100 (which Date.UTC remaps). */
function utcMicros(y: number, mo: number, d: number, h: number, mi: number, s: number): bigint {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return BigInt(date.getTime()) * 1000n;
}

/**
 * Parses a restore target time. The offset is required: a naive time would be read in some
 * server's zone and silently restore to the wrong hour, which is the one mistake a
 * point-in-time restore must not make.
 *
 * - seconds are required (a target to the minute is almost always a typo for ":00" and we
 *   would rather ask than guess);
 * - fractions finer than a microsecond are floored: commits carry µs timestamps, so flooring
 *   selects exactly the same commits as the original instant;
 * - `-00:00` ("UTC, local offset unknown", RFC 3339 §4.3) is accepted as UTC;
 * - leap seconds (`:60`) and `24:00` are refused: PostgreSQL and POSIX clocks never produce
 *   them, so no commit can carry one and the caller most likely means the next second.
 */
export function parseTargetTime(input: unknown): TargetTime {
  if (typeof input !== 'string')
    throw new AppError('validation_failed', `target time must be a string like ${EXAMPLE}`);
  const text = input.trim();
  if (text.length === 0)
    throw new AppError('validation_failed', `target time is empty; give one like ${EXAMPLE}`);
  if (text.length > 64) throw invalid(text.slice(0, 64) + '…', 'too long');
  if (DATE_ONLY.test(text)) {
    throw new AppError(
      'target_naive',
      `${JSON.stringify(text)} is a date without a time of day or offset; say which second and which zone, e.g. ${text}T00:00:00Z`,
    );
  }
  const m = RFC3339.exec(text);
  if (!m) throw invalid(text, 'not in RFC 3339 form');
  const [, ys, mos, ds, hs, mis, ss, frac, offset] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
    string | undefined,
    string | undefined,
  ];
  if (offset === undefined) {
    throw new AppError(
      'target_naive',
      `${JSON.stringify(text)} has no UTC offset, so it could mean any of 24+ instants; add Z for UTC or the offset it was read in, e.g. ${EXAMPLE}`,
    );
  }
  if (ss === undefined) throw invalid(text, 'seconds are required (e.g. 14:05:00, not 14:05)');

  const [y, mo, d, h, mi, s] = [ys, mos, ds, hs, mis, ss].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (y < 1) throw invalid(text, 'year 0000 does not exist');
  if (mo < 1 || mo > 12) throw invalid(text, `month ${mos} does not exist`);
  if (d < 1 || d > daysInMonth(y, mo)) throw invalid(text, `${ys}-${mos} has no day ${ds}`);
  if (h === 24) throw invalid(text, '24:00 is not allowed; use 00:00:00 of the next day');
  if (h > 23) throw invalid(text, `hour ${hs} does not exist`);
  if (mi > 59) throw invalid(text, `minute ${mis} does not exist`);
  if (s === 60)
    throw invalid(
      text,
      'leap seconds (:60) are not supported; PostgreSQL never records a commit in one, use :59.999999 or the next second',
    );
  if (s > 59) throw invalid(text, `second ${ss} does not exist`);

  let offsetMinutes = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 23 || om > 59) throw invalid(text, `offset ${offset} does not exist`);
    offsetMinutes = sign * (oh * 60 + om);
  }

  const micros = frac === undefined ? 0n : BigInt(frac.padEnd(9, '0').slice(0, 6));
  const epochMicros = utcMicros(y, mo, d, h, mi, s) + micros - BigInt(offsetMinutes) * 60_000_000n;
  return { iso: formatEpochMicros(epochMicros), epochMicros };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`: the fraction only when there is one, always 6 digits. */
export function formatEpochMicros(epochMicros: bigint): string {
  const ms = floorDiv(epochMicros, 1000n);
  const micros = epochMicros - ms * 1000n;
  const base = new Date(Number(ms)).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const fraction = base.slice(20, 23) + micros.toString().padStart(3, '0');
  return fraction === '000000' ? `${base.slice(0, 19)}Z` : `${base.slice(0, 19)}.${fraction}Z`;
}

/** What pgBackRest `--target` / PostgreSQL `recovery_target_time` get: unambiguous, UTC, µs. */
export function toRecoveryTargetTime(epochMicros: bigint): string {
  const iso = formatEpochMicros(epochMicros);
  return iso.replace('T', ' ').replace('Z', '+00');
}

/** Epoch microseconds of a Date (ms precision) or an RFC 3339 string with offset. */
export function toEpochMicros(value: Date | string | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new Error('invalid Date');
    return BigInt(ms) * 1000n;
  }
  return parseTargetTime(value).epochMicros;
}
