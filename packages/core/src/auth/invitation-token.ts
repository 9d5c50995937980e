import { hashApiToken, randomBase62 } from './api-token';

const PREFIX = 'rwi_';
const TOKEN_PATTERN = /^rwi_[0-9A-Za-z]{40}$/;

/** The secret of an invitation link: ~238 random bits, stored only as its SHA-256. */
export function generateInvitationToken(): { token: string; hash: string } {
  const token = PREFIX + randomBase62(40);
  return { token, hash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return hashApiToken(token);
}

/** Shape check before the database: garbage from a link never reaches a query. */
export function looksLikeInvitationToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}
