import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'rw_';
const BODY_LENGTH = 40;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_PATTERN = /^rw_[0-9A-Za-z]{40}$/;

export interface GeneratedApiToken {
  /** the secret: shown to the person once, never stored */
  token: string;
  /** sha256 hex of the token: what the database stores and looks up by */
  hash: string;
  /** enough to recognise the token in a list without revealing it, e.g. `rw_Ab12…` */
  displayPrefix: string;
}

/** 40 base62 chars ≈ 238 bits; rejection sampling keeps every character uniformly likely. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: bytes at or above it would bias the low characters.
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function generateApiToken(): GeneratedApiToken {
  const token = PREFIX + randomBase62(BODY_LENGTH);
  return { token, hash: hashApiToken(token), displayPrefix: apiTokenDisplayPrefix(token) };
}

/**
 * A plain SHA-256 is enough (no salt, no slow hash): the token carries ~238 random bits, so
 * there is nothing to brute-force, and a deterministic hash allows an indexed lookup.
 */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function apiTokenDisplayPrefix(token: string): string {
  return token.slice(0, PREFIX.length + 6);
}

/** Cheap shape check before touching the database, e.g. for `Authorization: Bearer …`. */
export function looksLikeApiToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}
