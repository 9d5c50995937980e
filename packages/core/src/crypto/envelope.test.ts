import { describe, expect, it } from 'vitest';
import {
  decryptSecret,
  encryptSecret,
  generateSecret,
  keyIdFor,
  needsReencrypt,
  reencryptSecret,
  secretKeyId,
} from './envelope';

const K1 = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const K2 = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';

function flip(blob: string, part: number): string {
  const parts = blob.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('envelope encryption', () => {
  it('round-trips and names its key', () => {
    const blob = encryptSecret('s3cret pässword', K1);
    expect(blob).toMatch(
      /^v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
    );
    expect(secretKeyId(blob)).toBe(keyIdFor(K1));
    expect(blob).not.toContain('s3cret');
    expect(decryptSecret(blob, K1)).toBe('s3cret pässword');
    expect(decryptSecret(encryptSecret('', K1), K1)).toBe('');
  });

  it('uses a fresh data key and IV every time', () => {
    expect(encryptSecret('x', K1)).not.toBe(encryptSecret('x', K1));
  });

  it('key id does not reveal the key and differs per key', () => {
    expect(keyIdFor(K1)).not.toBe(keyIdFor(K2));
    expect(K1).not.toContain(keyIdFor(K1));
    expect(keyIdFor(K1.toUpperCase())).toBe(keyIdFor(K1));
  });

  it('refuses the wrong key and tampering of any part', () => {
    const blob = encryptSecret('secret', K1);
    expect(() => decryptSecret(blob, K2)).toThrow(/no key in the keyring/);
    for (const part of [2, 3, 4, 5])
      expect(() => decryptSecret(flip(blob, part), K1)).toThrow(/wrong key or tampered/);
    expect(() => decryptSecret('plaintext', K1)).toThrow(/not an encrypted secret/);
  });

  it('refuses a blob relabelled to another key id (header is authenticated)', () => {
    const blob = encryptSecret('secret', K1);
    const relabelled = blob.replace(keyIdFor(K1), keyIdFor(K2));
    expect(() => decryptSecret(relabelled, [K2, K1])).toThrow(/wrong key or tampered/);
  });

  it('rotates with a keyring: new first, old still opens', () => {
    const old = encryptSecret('secret', K1);
    const ring = [K2, K1];
    expect(decryptSecret(old, ring)).toBe('secret');
    expect(needsReencrypt(old, ring)).toBe(true);
    const rotated = reencryptSecret(old, ring);
    expect(secretKeyId(rotated)).toBe(keyIdFor(K2));
    expect(needsReencrypt(rotated, ring)).toBe(false);
    expect(reencryptSecret(rotated, ring)).toBe(rotated);
    expect(decryptSecret(rotated, K2)).toBe('secret');
  });

  it('validates master keys', () => {
    expect(() => encryptSecret('x', 'abc')).toThrow(/64 hex/);
    expect(() => encryptSecret('x', [])).toThrow(/empty keyring/);
  });

  it('generates url-safe secrets', () => {
    expect(generateSecret()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
