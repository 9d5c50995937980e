import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiToken, hashApiToken, looksLikeApiToken } from './api-token';

describe('api tokens', () => {
  it('generates rw_ + 40 base62 characters with its sha256 and a display prefix', () => {
    const { token, hash, displayPrefix } = generateApiToken();
    expect(token).toMatch(/^rw_[0-9A-Za-z]{40}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.startsWith(displayPrefix)).toBe(true);
    expect(displayPrefix.length).toBeLessThan(12);
  });

  it('is unique and uses the whole alphabet', () => {
    const tokens = Array.from({ length: 500 }, () => generateApiToken().token);
    expect(new Set(tokens).size).toBe(500);
    const chars = new Set(tokens.join('').replaceAll('rw_', ''));
    expect(chars.size).toBe(62);
  });

  it('hashes deterministically', () => {
    expect(hashApiToken('rw_abc')).toBe(hashApiToken('rw_abc'));
    expect(hashApiToken('rw_abc')).not.toBe(hashApiToken('rw_abd'));
  });

  it.each([
    ['rw_' + 'a'.repeat(40), true],
    ['rw_' + 'a'.repeat(39), false],
    ['rw_' + 'a'.repeat(41), false],
    ['RW_' + 'a'.repeat(40), false],
    ['rw_' + 'a'.repeat(39) + '-', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('looksLikeApiToken(%j) = %s', (value, expected) => {
    expect(looksLikeApiToken(value)).toBe(expected);
  });
});
