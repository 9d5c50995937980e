import { AppError } from '../errors/app-error';
import { toEpochMicros } from '../time/parse-target-time';

/**
 * An instant as wall-clock time in an IANA zone with its offset, e.g.
 * `2026-11-22T15:05:00.250000+01:00`: what a person in that zone would have read on the clock.
 */
export function formatInZone(utcIso: string, timeZone: string): string {
  const micros = toEpochMicros(utcIso);
  const ms = Number(micros / 1000n);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    }).formatToParts(new Date(ms));
  } catch {
    throw new AppError('validation_failed', `unknown time zone ${JSON.stringify(timeZone)}`);
  }
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const zone = get('timeZoneName'); // "GMT+01:00" or "GMT"
  const offset = zone === 'GMT' ? '+00:00' : zone.replace('GMT', '');
  const sub = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const frac = sub === 0n ? '' : `.${sub.toString().padStart(6, '0')}`;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${frac}${offset}`;
}
