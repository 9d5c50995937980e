import { describe, expect, it } from 'vitest';
import { parseXid } from './xid';

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
