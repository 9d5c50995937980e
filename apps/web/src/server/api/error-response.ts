import 'server-only';
import { isAppError, toErrorResponse } from '@rewind/core';

/**
 * The one place an exception becomes an HTTP response. Unknown errors are logged here with
 * their detail and leave as an opaque 500 (toErrorBody hides driver messages).
 */
export function errorResponse(err: unknown, where = 'api'): Response {
  if (!isAppError(err)) console.error(`[${where}] unhandled error`, err);
  const { status, body } = toErrorResponse(err);
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}
