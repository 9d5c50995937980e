import { describe, expect, it } from 'vitest';
import { parseIdempotencyKey, requestFingerprint } from './idempotency-key';

describe('parseIdempotencyKey', () => {
  it('is null without the header and the trimmed key with it', () => {
    expect(parseIdempotencyKey(null)).toBeNull();
    expect(parseIdempotencyKey(' 8e0f6c1a-5b0d-4f7e-9a51-2d3c4b5a6f70 ')).toBe(
      '8e0f6c1a-5b0d-4f7e-9a51-2d3c4b5a6f70',
    );
  });

  it('refuses an empty, too long or non-ASCII key with a bad_request', () => {
    for (const bad of ['', '   ', 'x'.repeat(256), 'clé', 'a b']) {
      expect(() => parseIdempotencyKey(bad)).toThrow(
        expect.objectContaining({ code: 'bad_request' }),
      );
    }
  });
});

describe('requestFingerprint', () => {
  it('differs when the method, path or body differ, and ignores the method case', () => {
    const base = requestFingerprint('POST', '/api/v1/instances/1/restores', '{"a":1}');
    expect(requestFingerprint('post', '/api/v1/instances/1/restores', '{"a":1}')).toBe(base);
    expect(requestFingerprint('POST', '/api/v1/instances/2/restores', '{"a":1}')).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/instances/1/restores', '{"a":2}')).not.toBe(base);
  });
});
