import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  browserZone,
  fieldsIn,
  formatDuration,
  formatIn,
  formatInstant,
  formatUtc,
  fromFields,
  isoUtc,
  offsetLabel,
  offsetMs,
  parseRfc3339,
  zoneName,
} from './time';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600_000;

// The browser's own zone must change nothing but what "local" means: every case runs with the
// process in New York and again in Kolkata (neither UTC nor the instance zones used below).
describe.each(['America/New_York', 'Asia/Kolkata'])('portal time, browser in %s', (browser) => {
  beforeAll(() => {
    vi.stubEnv('TZ', browser);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('"local" is the browser zone, "instance" the instance zone, "utc" UTC', () => {
    expect(new Date(at('2026-01-15T12:00:00Z')).getTimezoneOffset()).toBe(
      browser === 'Asia/Kolkata' ? -330 : 300,
    );
    const local = browserZone();
    expect(offsetMs(at('2026-01-15T12:00:00Z'), local)).toBe(
      browser === 'Asia/Kolkata' ? 5.5 * HOUR : -5 * HOUR,
    );
    expect(zoneName('local', 'Europe/Berlin')).toBe(local);
    expect(zoneName('instance', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(zoneName('utc', 'Europe/Berlin')).toBe('UTC');
  });

  it('offsets follow the zone and the date: half hours, daylight saving time, UTC', () => {
    expect(offsetLabel(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe('UTC+05:30');
    expect(offsetLabel(at('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe('UTC+05:30');
    expect(offsetLabel(at('2026-01-15T12:00:00Z'), 'Asia/Kathmandu')).toBe('UTC+05:45');
    expect(offsetLabel(at('2026-01-15T12:00:00Z'), 'America/New_York')).toBe('UTC-05:00');
    expect(offsetLabel(at('2026-07-15T12:00:00Z'), 'America/New_York')).toBe('UTC-04:00');
    expect(offsetLabel(at('2026-01-15T12:00:00Z'), 'America/St_Johns')).toBe('UTC-03:30');
    expect(offsetLabel(at('2026-01-15T12:00:00Z'), 'UTC')).toBe('UTC');
    expect(offsetLabel(at('2026-01-15T12:00:00Z'), 'Europe/London')).toBe('UTC+00:00');
    // New York's clocks go forward at 07:00 UTC on 8 March 2026
    expect(offsetMs(at('2026-03-08T06:59:59Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(offsetMs(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
  });

  it('reads an instant to the second in any zone, across the date line, never rounding up', () => {
    const t = at('2026-11-22T14:05:07.900Z');
    expect(formatIn(t, 'UTC')).toBe('2026-11-22 14:05:07');
    expect(formatIn(t, 'Asia/Kolkata')).toBe('2026-11-22 19:35:07');
    expect(formatIn(t, 'America/New_York')).toBe('2026-11-22 09:05:07');
    expect(formatIn(at('2026-11-22T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-23 01:30:00');
    expect(formatIn(at('2026-11-22T03:00:00Z'), 'America/New_York')).toBe('2026-11-21 22:00:00');
    expect(fieldsIn(t, 'Asia/Kolkata')).toEqual({ date: '2026-11-22', time: '19:35:07' });
    expect(formatUtc(t)).toBe('2026-11-22 14:05:07 UTC');
    expect(isoUtc(t)).toBe('2026-11-22T14:05:07Z');
    expect(isoUtc(at('2026-11-22T14:05:07.000Z'))).toBe('2026-11-22T14:05:07Z');
  });

  it('turns wall-clock fields read in a zone into the instant, to the second', () => {
    expect(fromFields('2026-11-22', '19:35:07', 'Asia/Kolkata')).toBe(at('2026-11-22T14:05:07Z'));
    expect(fromFields('2026-11-23', '01:30:00', 'Asia/Kolkata')).toBe(at('2026-11-22T20:00:00Z'));
    expect(fromFields('2026-11-22', '09:05:07', 'America/New_York')).toBe(
      at('2026-11-22T14:05:07Z'),
    );
    expect(fromFields('2026-07-01', '09:05:07', 'America/New_York')).toBe(
      at('2026-07-01T13:05:07Z'),
    );
    expect(fromFields('2026-11-22', '14:05', 'UTC')).toBe(at('2026-11-22T14:05:00Z'));
    for (const zone of ['Asia/Kolkata', 'America/New_York', 'UTC', 'Asia/Kathmandu']) {
      const t = at('2026-03-08T07:00:01Z');
      const f = fieldsIn(t, zone);
      expect(fromFields(f.date, f.time, zone)).toBe(t);
    }
  });

  it('refuses a wall time a clock change skips; an hour that happens twice reads as one of its instants', () => {
    expect(fromFields('2026-03-08', '02:30:00', 'America/New_York')).toBeNull();
    const twice = fromFields('2026-11-01', '01:30:00', 'America/New_York');
    expect([at('2026-11-01T05:30:00Z'), at('2026-11-01T06:30:00Z')]).toContain(twice);
    expect(formatIn(twice!, 'America/New_York')).toBe('2026-11-01 01:30:00');
    // Kolkata has no clock changes: the same wall time always exists
    expect(fromFields('2026-03-08', '02:30:00', 'Asia/Kolkata')).toBe(at('2026-03-07T21:00:00Z'));
  });

  it('refuses fields that are incomplete or malformed', () => {
    expect(fromFields('', '10:00:00', 'UTC')).toBeNull();
    expect(fromFields('2026-11-22', '', 'UTC')).toBeNull();
    expect(fromFields('2026-11-2', '10:00:00', 'UTC')).toBeNull();
    expect(fromFields('2026-11-22', '10:00:00.5', 'UTC')).toBeNull();
    expect(fromFields('2026-02-30', '10:00:00', 'UTC')).toBeNull();
  });
});

describe('formatDuration', () => {
  it('reads seconds as the two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59.4)).toBe('59 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(250)).toBe('4 min 10 s');
    expect(formatDuration(7500)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86400 + 4 * 3600 + 59)).toBe('3 d 4 h');
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('formatInstant: one rule for every instant on screen', () => {
  it('names the zone and its offset, with UTC beside it (its date too when it differs)', () => {
    expect(formatInstant(at('2026-11-22T14:05:00Z'), 'Asia/Kolkata')).toBe(
      '2026-11-22 19:35:00 Asia/Kolkata (UTC+05:30) · 14:05:00 UTC',
    );
    expect(formatInstant(at('2026-11-22T02:00:00Z'), 'America/New_York')).toBe(
      '2026-11-21 21:00:00 America/New_York (UTC-05:00) · 2026-11-22 02:00:00 UTC',
    );
    expect(formatInstant(at('2026-11-22T14:05:00Z'), 'UTC')).toBe('2026-11-22 14:05:00 UTC');
  });
});

describe('parseRfc3339', () => {
  it('reads RFC 3339 with an offset (T or space, fractions), refuses a naive time', () => {
    expect(parseRfc3339('2026-11-22T19:35:07+05:30')).toBe(at('2026-11-22T14:05:07Z'));
    expect(parseRfc3339(' 2026-11-22 14:05:07.5z ')).toBe(at('2026-11-22T14:05:07.5Z'));
    expect(parseRfc3339('2026-11-22T14:05:07')).toBeNull();
    expect(parseRfc3339('yesterday')).toBeNull();
  });
});
