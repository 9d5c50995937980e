import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * The `Idempotency-Key` header of a POST (IETF draft-ietf-httpapi-idempotency-key-header):
 * absent → null (the request is not idempotent); otherwise 1–255 visible ASCII characters
 * (a UUID is typical), anything else is refused before the request does anything.
 */
export function parseIdempotencyKey(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const key = value.trim();
  if (key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError(
      'bad_request',
      'Idempotency-Key must be 1–255 visible ASCII characters (e.g. a UUID)',
    );
  }
  return key;
}

/** What a key is bound to: the same key sent with another method, path or body is a client bug. */
export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method.toUpperCase()}\n${path}\n${body}`).digest('hex');
}

export function idempotencyKeyReused(): AppError {
  return new AppError(
    'conflict',
    'this Idempotency-Key was already used for a different request (method, path or body)',
  );
}
