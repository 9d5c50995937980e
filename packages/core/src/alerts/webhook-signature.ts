import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook delivery: the unix time (seconds) and `v1=<hex HMAC-SHA256>`. */
export const webhookTimestampHeader = 'rewind-timestamp';
export const webhookSignatureHeader = 'rewind-signature';

/** HMAC-SHA256 of `timestamp + "." + body` with the webhook's secret, as `v1=<hex>`. */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver runs: the signature matches and the timestamp is within `toleranceSeconds` of
 * `now` (a replayed old delivery fails even with a valid signature).
 */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  now?: Date;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(input.timestamp);
  if (!Number.isInteger(ts)) return false;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhookBody(input.secret, input.timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
