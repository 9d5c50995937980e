import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const ts = String(Math.floor(now.getTime() / 1000));
  const body = '{"type":"alert.opened"}';
  const signature = signWebhookBody('s3cret', ts, body);

  it('verifies with the secret, the timestamp and the body it was made from', () => {
    expect(verifyWebhookSignature({ secret: 's3cret', timestamp: ts, body, signature, now })).toBe(
      true,
    );
  });
  it('fails with a wrong secret, a changed body or timestamp, or an old timestamp', () => {
    expect(verifyWebhookSignature({ secret: 'wrong', timestamp: ts, body, signature, now })).toBe(
      false,
    );
    expect(
      verifyWebhookSignature({ secret: 's3cret', timestamp: ts, body: `${body} `, signature, now }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({
        secret: 's3cret',
        timestamp: String(Number(ts) + 1),
        body,
        signature,
        now,
      }),
    ).toBe(false);
    const late = new Date(now.getTime() + 600_000);
    expect(
      verifyWebhookSignature({ secret: 's3cret', timestamp: ts, body, signature, now: late }),
    ).toBe(false);
  });
});
