import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for secrets kept in the control database (instance passwords, the
 * pgBackRest repo cipher pass).
 *
 *   v1.<keyId>.<wrapIv>.<wrappedDataKey‖tag>.<iv>.<ciphertext‖tag>      (parts base64url)
 *
 * Every secret gets its own random 256-bit data key; the data key is wrapped with the master
 * key (REWIND_SECRET_KEY), both with AES-256-GCM. The header `v1.<keyId>` is authenticated
 * data of both layers, so a blob cannot be relabelled to another key or version.
 *
 * keyId is derived from the master key (a truncated SHA-256, not the key), so a blob names
 * the key that opens it without the database having to store key metadata.
 *
 * Rotation: generate a new 64-hex key; run every process with a keyring `[new, old]`
 * (encrypt always uses the first key; decrypt picks the key whose id matches the blob);
 * re-encrypt stored secrets with `reencryptSecret` (only the small wrapped data key changes
 * hands conceptually, but re-encrypting the whole blob keeps one code path); once no blob
 * names the old key id (`secretKeyId(blob)`), drop the old key from the keyring.
 */
const VERSION = 'v1';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const MASTER_KEY_PATTERN = /^[0-9a-f]{64}$/i;

export type Keyring = string | readonly string[];

function masterKeyBytes(masterKeyHex: string): Buffer {
  if (!MASTER_KEY_PATTERN.test(masterKeyHex)) {
    throw new Error('master key must be 64 hex characters (32 bytes), see REWIND_SECRET_KEY');
  }
  return Buffer.from(masterKeyHex, 'hex');
}

/** 16 hex chars identifying a master key without revealing it. */
export function keyIdFor(masterKeyHex: string): string {
  return createHash('sha256')
    .update('rewind-envelope-key-id\0')
    .update(masterKeyBytes(masterKeyHex))
    .digest('hex')
    .slice(0, 16);
}

function seal(key: Buffer, plain: Buffer, aad: Buffer): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { iv, sealed };
}

function open(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (iv.length !== IV_LENGTH || sealed.length < TAG_LENGTH) throw new Error('malformed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
  return Buffer.concat([
    decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH)),
    decipher.final(),
  ]);
}

/** Encrypts with the first key of the keyring (the current one). */
export function encryptSecret(plain: string, keyring: Keyring): string {
  const current = typeof keyring === 'string' ? keyring : keyring[0];
  if (current === undefined) throw new Error('empty keyring');
  const master = masterKeyBytes(current);
  const header = `${VERSION}.${keyIdFor(current)}`;
  const aad = Buffer.from(header, 'utf8');
  const dataKey = randomBytes(32);
  try {
    const wrapped = seal(master, dataKey, aad);
    const body = seal(dataKey, Buffer.from(plain, 'utf8'), aad);
    return [header, wrapped.iv, wrapped.sealed, body.iv, body.sealed]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  } finally {
    dataKey.fill(0);
  }
}

/** The key id a blob was encrypted under, or null if it is not a v1 envelope. */
export function secretKeyId(blob: string): string | null {
  const parts = blob.split('.');
  return parts.length === 6 && parts[0] === VERSION && /^[0-9a-f]{16}$/.test(parts[1] ?? '')
    ? parts[1]!
    : null;
}

export function decryptSecret(blob: string, keyring: Keyring): string {
  const keyId = secretKeyId(blob);
  if (!keyId) throw new Error('not an encrypted secret (expected v1.<keyId>.…)');
  const keys = typeof keyring === 'string' ? [keyring] : keyring;
  const master = keys.find((k) => keyIdFor(k) === keyId);
  if (!master)
    throw new Error(
      `no key in the keyring for secret key id ${keyId} (was REWIND_SECRET_KEY rotated?)`,
    );
  const [, , wrapIv, wrapped, iv, sealed] = blob.split('.') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const aad = Buffer.from(`${VERSION}.${keyId}`, 'utf8');
  let dataKey: Buffer | undefined;
  try {
    dataKey = open(
      masterKeyBytes(master),
      Buffer.from(wrapIv, 'base64url'),
      Buffer.from(wrapped, 'base64url'),
      aad,
    );
    return open(
      dataKey,
      Buffer.from(iv, 'base64url'),
      Buffer.from(sealed, 'base64url'),
      aad,
    ).toString('utf8');
  } catch {
    // GCM failures say nothing useful and must not leak which layer failed.
    throw new Error('secret could not be decrypted: wrong key or tampered data');
  } finally {
    dataKey?.fill(0);
  }
}

export function needsReencrypt(blob: string, keyring: Keyring): boolean {
  const current = typeof keyring === 'string' ? keyring : keyring[0];
  return current === undefined || secretKeyId(blob) !== keyIdFor(current);
}

/** Rotation step: decrypt with whatever key in the ring opens it, encrypt with the current one. */
export function reencryptSecret(blob: string, keyring: Keyring): string {
  return needsReencrypt(blob, keyring)
    ? encryptSecret(decryptSecret(blob, keyring), keyring)
    : blob;
}

/** A random password / cipher pass: base64url of 24 bytes (32 chars, safe in URLs and configs). */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
