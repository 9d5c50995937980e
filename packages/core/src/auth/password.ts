import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes in one self-describing string: `scrypt$N$r$p$<salt b64url>$<hash b64url>`.
 * Parameters travel with the hash so they can be raised later without breaking old hashes
 * (`needsRehash` tells the sign-in path when to re-hash on a successful login).
 */
const DEFAULT = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scryptAsync(
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function memoryFor(N: number, r: number): number {
  // Node's default maxmem (32 MiB) is exactly at the edge for N=2^15; leave headroom.
  return 256 * N * r + 1024 * 1024;
}

export async function hashPassword(
  plain: string,
  params: { N: number; r: number; p: number } = DEFAULT,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(plain.normalize('NFKC'), salt, KEY_LENGTH, {
    ...params,
    maxmem: memoryFor(params.N, params.r),
  });
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  // Refuse absurd parameters instead of letting a corrupted row pin a CPU or exhaust memory.
  if (N > 2 ** 20 || (N & (N - 1)) !== 0 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** false for a wrong password and for a malformed or missing hash; never throws on bad input. */
export async function verifyPassword(
  plain: string,
  stored: string | null | undefined,
): Promise<boolean> {
  if (typeof plain !== 'string' || typeof stored !== 'string') return false;
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scryptAsync(plain.normalize('NFKC'), parsed.salt, parsed.key.length, {
    N: parsed.N,
    r: parsed.r,
    p: parsed.p,
    maxmem: memoryFor(parsed.N, parsed.r),
  });
  return timingSafeEqual(key, parsed.key);
}

export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.N < DEFAULT.N || parsed.r < DEFAULT.r || parsed.p < DEFAULT.p;
}
