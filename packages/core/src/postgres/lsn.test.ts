import { describe, expect, it } from 'vitest';
import { compareLsn, formatLsn, parseLsn } from './lsn';

describe('parseLsn', () => {
  it.each([
    ['0/4003528', '0/4003528', 0x4003528n],
    ['0/0', '0/0', 0n],
    ['16/B374D848', '16/B374D848', (0x16n << 32n) | 0xb374d848n],
    ['16/b374d848', '16/B374D848', (0x16n << 32n) | 0xb374d848n],
    ['00000001/0000000A', '1/A', (1n << 32n) | 10n],
    ['FFFFFFFF/FFFFFFFF', 'FFFFFFFF/FFFFFFFF', (1n << 64n) - 1n],
  ])('%s', (input, text, value) => {
    expect(parseLsn(input)).toEqual({ text, value });
  });

  it.each([
    '',
    '0',
    '/1',
    '0/',
    '0/4003528/1',
    '123456789/0',
    '0/123456789',
    'G/0',
    '0x0/1',
    ' 0 / 1',
    42,
    null,
  ])('refuses %j', (input) => {
    expect(() => parseLsn(input)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('compares numerically, not as text', () => {
    expect(compareLsn('0/A', '0/9')).toBe(1);
    expect(compareLsn('1/0', '0/FFFFFFFF')).toBe(1);
    expect(compareLsn('0/4003528', '0/04003528')).toBe(0);
    expect(compareLsn(parseLsn('0/1'), '0/2')).toBe(-1);
    expect(formatLsn(0x100000001n)).toBe('1/1');
  });

  it('reads pg_waldump zero-padded and pg_lsn forms alike', () => {
    expect(parseLsn('0/01A3B2C8')).toEqual(parseLsn('0/1A3B2C8'));
    expect(parseLsn('0/01A3B2C8').text).toBe('0/1A3B2C8');
    expect(formatLsn((1n << 32n) | 0x28n)).toBe('1/28');
    expect(compareLsn('0/FFFFFFFF', '1/0')).toBe(-1);
  });

  it('refuses to format a value outside 64 bits', () => {
    expect(() => formatLsn(-1n)).toThrow(/out of range/);
    expect(() => formatLsn(1n << 64n)).toThrow(/out of range/);
  });
});
