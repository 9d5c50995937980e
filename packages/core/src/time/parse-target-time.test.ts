import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import {
  formatEpochMicros,
  parseTargetTime,
  toEpochMicros,
  toRecoveryTargetTime,
} from './parse-target-time';

const micros = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

function codeOf(input: unknown): string | undefined {
  try {
    parseTargetTime(input);
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not-app-error';
  }
}

describe('parseTargetTime: accepted', () => {
  it.each([
    ['2026-11-22T14:05:00Z', '2026-11-22T14:05:00Z'],
    ['2026-11-22t14:05:00z', '2026-11-22T14:05:00Z'],
    ['2026-11-22 14:05:00Z', '2026-11-22T14:05:00Z'],
    ['2026-11-22T19:35:00+05:30', '2026-11-22T14:05:00Z'],
    ['2026-11-22T09:05:00-05:00', '2026-11-22T14:05:00Z'],
    ['2026-11-22T14:05:00+00:00', '2026-11-22T14:05:00Z'],
    ['2026-11-22T14:05:00-00:00', '2026-11-22T14:05:00Z'],
    ['2026-11-23T03:50:00+13:45', '2026-11-22T14:05:00Z'],
    ['2026-11-22T00:30:00+01:00', '2026-11-21T23:30:00Z'],
    ['2026-12-31T23:30:00-01:00', '2027-01-01T00:30:00Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00Z'],
    ['  2026-11-22T14:05:00Z  ', '2026-11-22T14:05:00Z'],
    ['2026-11-22T14:05:00.5Z', '2026-11-22T14:05:00.500000Z'],
    ['2026-11-22T14:05:00.123456Z', '2026-11-22T14:05:00.123456Z'],
    ['2026-11-22T14:05:00.000000Z', '2026-11-22T14:05:00Z'],
    ['2026-11-22T14:05:00.000001+02:00', '2026-11-22T12:05:00.000001Z'],
    // finer than µs is floored: the same commits are selected
    ['2026-11-22T14:05:00.123456789Z', '2026-11-22T14:05:00.123456Z'],
    ['2026-11-22T14:05:59.999999999Z', '2026-11-22T14:05:59.999999Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00Z'],
  ])('%s → %s', (input, iso) => {
    expect(parseTargetTime(input).iso).toBe(iso);
  });

  it('keeps microseconds exactly in epochMicros', () => {
    expect(parseTargetTime('2026-11-22T14:05:00.123456Z').epochMicros).toBe(
      micros('2026-11-22T14:05:00Z') + 123_456n,
    );
    expect(parseTargetTime('1970-01-01T00:00:00.000001Z').epochMicros).toBe(1n);
    expect(parseTargetTime('1969-12-31T23:59:59.999999Z').epochMicros).toBe(-1n);
    expect(parseTargetTime('1969-12-31T23:59:59.999999Z').iso).toBe('1969-12-31T23:59:59.999999Z');
  });

  it('same instant written in different zones is equal', () => {
    const a = parseTargetTime('2026-03-29T01:30:00Z');
    const b = parseTargetTime('2026-03-29T03:30:00+02:00'); // just after the EU DST switch
    const c = parseTargetTime('2026-03-28T21:30:00-04:00');
    expect(a.epochMicros).toBe(b.epochMicros);
    expect(a.epochMicros).toBe(c.epochMicros);
  });
});

describe('parseTargetTime: refused', () => {
  it.each([
    ['2026-11-22T14:05:00', 'target_naive'],
    ['2026-11-22 14:05:00.123', 'target_naive'],
    ['2026-11-22', 'target_naive'],
    ['2026-11-22T14:05Z', 'validation_failed'],
    ['2026-11-22T14Z', 'validation_failed'],
    ['2026-11-22T24:00:00Z', 'validation_failed'],
    ['2026-12-31T23:59:60Z', 'validation_failed'],
    ['2026-02-29T12:00:00Z', 'validation_failed'],
    ['1900-02-29T12:00:00Z', 'validation_failed'],
    ['2026-04-31T12:00:00Z', 'validation_failed'],
    ['2026-13-01T12:00:00Z', 'validation_failed'],
    ['2026-00-01T12:00:00Z', 'validation_failed'],
    ['2026-11-00T12:00:00Z', 'validation_failed'],
    ['2026-11-22T14:60:00Z', 'validation_failed'],
    ['2026-11-22T14:05:61Z', 'validation_failed'],
    ['2026-11-22T14:05:00+24:00', 'validation_failed'],
    ['2026-11-22T14:05:00+05:60', 'validation_failed'],
    ['2026-11-22T14:05:00+0530', 'validation_failed'],
    ['2026-11-22T14:05:00+05', 'validation_failed'],
    ['2026-11-22T14:05:00 UTC', 'validation_failed'],
    ['2026-11-22T14:05:00.Z', 'validation_failed'],
    ['2026-11-22T14:05:00.1234567890Z', 'validation_failed'],
    ['0000-01-01T00:00:00Z', 'validation_failed'],
    ['+002026-11-22T14:05:00Z', 'validation_failed'],
    ['26-11-22T14:05:00Z', 'validation_failed'],
    ['yesterday', 'validation_failed'],
    ['1732284300', 'validation_failed'],
    ['', 'validation_failed'],
    ['   ', 'validation_failed'],
    ['x'.repeat(1000), 'validation_failed'],
    [1732284300, 'validation_failed'],
    [null, 'validation_failed'],
    [undefined, 'validation_failed'],
  ])('%j → %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('explains a naive time in words', () => {
    expect(() => parseTargetTime('2026-11-22T14:05:00')).toThrow(/no UTC offset.*add Z/);
    expect(() => parseTargetTime('2026-11-22')).toThrow(/date without a time of day/);
    expect(() => parseTargetTime('2026-12-31T23:59:60Z')).toThrow(/leap second/);
  });
});

describe('formatting', () => {
  it('formats µs and negative epochs', () => {
    expect(formatEpochMicros(0n)).toBe('1970-01-01T00:00:00Z');
    expect(formatEpochMicros(1_500_000n)).toBe('1970-01-01T00:00:01.500000Z');
    expect(formatEpochMicros(-1_500_000n)).toBe('1969-12-31T23:59:58.500000Z');
  });

  it('renders what recovery_target_time gets', () => {
    expect(toRecoveryTargetTime(parseTargetTime('2026-11-22T19:35:00.25+05:30').epochMicros)).toBe(
      '2026-11-22 14:05:00.250000+00',
    );
    expect(toRecoveryTargetTime(parseTargetTime('2026-11-22T14:05:00Z').epochMicros)).toBe(
      '2026-11-22 14:05:00+00',
    );
  });

  it('toEpochMicros accepts Date, string and bigint', () => {
    expect(toEpochMicros(new Date('2026-11-22T14:05:00.001Z'))).toBe(
      micros('2026-11-22T14:05:00Z') + 1000n,
    );
    expect(toEpochMicros('2026-11-22T14:05:00Z')).toBe(micros('2026-11-22T14:05:00Z'));
    expect(toEpochMicros(5n)).toBe(5n);
    expect(() => toEpochMicros(new Date('nope'))).toThrow();
  });
});
