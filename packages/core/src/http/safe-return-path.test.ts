import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-return-path';

const ORIGIN = 'http://127.0.0.1:3000';

describe('safeReturnPath', () => {
  // Values as the page receives them: searchParams are already percent-decoded once.
  const bypasses: Array<[label: string, value: string]> = [
    ['protocol-relative', '//evil.example/'],
    ['backslash (from /%5Cevil)', '/\\evil.example/'],
    ['double backslash', '\\\\evil.example'],
    ['backslash then slash', '/\\/evil.example'],
    ['tab (from /%09/host)', '/\t/evil.example'],
    ['newline', '/\n/evil.example'],
    ['carriage return', '/\r/evil.example'],
    ['CR LF header split', '/ok\r\nLocation: http://evil.example'],
    ['NUL byte', '/\u0000/evil.example'],
    ['absolute http', 'http://evil.example/'],
    ['absolute https', 'https://evil.example/'],
    ['scheme without slashes', 'https:evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: mixed case with tab', 'JaVa\tScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['dot segment to protocol-relative', '/.//evil.example'],
    ['dot-dot segment to protocol-relative', '/a/..//evil.example'],
    ['user info', '//user@evil.example'],
    ['same host other port', 'http://127.0.0.1:3001/'],
    ['leading space', ' //evil.example'],
    ['relative without slash', 'evil.example'],
    ['empty', ''],
  ];

  it.each(bypasses)('%s → /', (_label, value) => {
    expect(safeReturnPath(value, ORIGIN)).toBe('/');
  });

  it.each([
    ['/', '/'],
    ['/instances/abc', '/instances/abc'],
    ['/restores?status=running#top', '/restores?status=running#top'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/a/../settings', '/settings'],
  ])('keeps the same-origin path %s', (value, expected) => {
    expect(safeReturnPath(value, ORIGIN)).toBe(expected);
  });

  it('accepts an absolute URL of the own origin and returns only its path', () => {
    expect(safeReturnPath(`${ORIGIN}/instances?x=1`, ORIGIN)).toBe('/instances?x=1');
  });

  it('takes the first of repeated values and ignores non-strings', () => {
    expect(safeReturnPath(['/settings', '//evil'], ORIGIN)).toBe('/settings');
    expect(safeReturnPath(undefined, ORIGIN)).toBe('/');
    expect(safeReturnPath(42, ORIGIN)).toBe('/');
  });
});
