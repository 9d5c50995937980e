import { AppError } from '@rewind/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_BODY_BYTES, readJsonBody } from './read-json-body';

const schema = z.object({ name: z.string().regex(/^[a-z]+$/) }).strict();

function post(
  body: BodyInit,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Request {
  return new Request('http://localhost/api/v1/x', { method: 'POST', body, headers });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a failure');
}

describe('readJsonBody', () => {
  it('parses a valid body', async () => {
    await expect(readJsonBody(post('{"name":"abc"}'), schema)).resolves.toEqual({ name: 'abc' });
  });

  it('names an unknown field', async () => {
    const f = await failure(readJsonBody(post('{"name":"abc","owner":"x"}'), schema));
    expect(f.code).toBe('validation_failed');
    expect(f.message).toContain('owner');
  });

  it('names the invalid field', async () => {
    const f = await failure(readJsonBody(post('{"name":"ABC"}'), schema));
    expect(f).toMatchObject({ code: 'validation_failed' });
    expect(f.message).toMatch(/^name: /);
  });

  it('refuses non-JSON content types and malformed JSON', async () => {
    expect(
      (await failure(readJsonBody(post('name=abc', { 'content-type': 'text/plain' }), schema)))
        .code,
    ).toBe('bad_request');
    expect((await failure(readJsonBody(post('{"name":'), schema))).code).toBe('bad_request');
  });

  it('refuses bodies over the limit even without a content-length', async () => {
    const big = JSON.stringify({ name: 'a'.repeat(MAX_BODY_BYTES) });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const req = new Request('http://localhost/x', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      // @ts-expect-error: Node's fetch needs duplex for stream bodies; lib.dom's RequestInit lacks it
      duplex: 'half',
    });
    expect((await failure(readJsonBody(req, schema))).code).toBe('payload_too_large');
  });
});
