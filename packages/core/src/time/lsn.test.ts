import { describe, expect, it } from 'vitest';
import { compareLsn, formatLsn, parseLsn, parseXid } from './lsn';

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
});

describe('parseXid', () => {
  it('accepts 32-bit and epoch-qualified xids', () => {
    expect(parseXid('7421')).toEqual({ text: '7421', value: 7421n, xid32: 7421 });
    expect(parseXid(7421)).toEqual({ text: '7421', value: 7421n, xid32: 7421 });
    expect(parseXid(' 0742 ').text).toBe('742');
    const full = (1n << 32n) + 800n;
    expect(parseXid(full.toString())).toEqual({ text: full.toString(), value: full, xid32: 800 });
    expect(parseXid('4294967295').xid32).toBe(4294967295);
  });

  it.each([
    '0',
    '1',
    '2',
    String(1n << 32n),
    '-5',
    '1.5',
    'abc',
    '',
    '0x10',
    '18446744073709551616',
    1.5,
    null,
  ])('refuses %j', (input) => {
    expect(() => parseXid(input)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});
