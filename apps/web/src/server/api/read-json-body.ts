import 'server-only';
import { AppError } from '@rewind/core';
import type { z } from 'zod';
import { zodIssueMessage } from './zod-issue-message';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body with a hard size limit and validates it. The limit is enforced while
 * streaming, because Content-Length can be absent (chunked) or lie.
 */
export async function readJsonBody<S extends z.ZodTypeAny>(
  req: Request,
  schema: S,
): Promise<z.output<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError('bad_request', 'request body must be JSON (content-type: application/json)');
  }
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const text = await readLimited(req);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'validation_failed',
      first ? zodIssueMessage(first) : 'invalid request body',
    );
  }
  return parsed.data;
}

function tooLarge(): AppError {
  return new AppError('payload_too_large', `request body exceeds ${MAX_BODY_BYTES} bytes`);
}

async function readLimited(req: Request): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
