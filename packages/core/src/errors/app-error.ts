/**
 * Typed errors shared by every layer. Code is the contract with API clients; the message is
 * for a person. HTTP statuses live here and nowhere else so that the API, server actions and
 * the CLI agree on what each failure means.
 */
export const appErrorCodes = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'target_naive',
  'target_in_future',
  'target_before_window',
  'target_after_window',
  'target_in_gap',
  'target_not_found',
  'limit_exceeded',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

const HTTP_STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  // the path exists, the method does not (the answer names the allowed ones)
  method_not_allowed: 405,
  conflict: 409,
  // A restore target the window cannot serve is a well-formed request about the wrong thing.
  target_naive: 422,
  target_in_future: 422,
  target_before_window: 422,
  target_after_window: 422,
  target_in_gap: 422,
  // a restore point (or other named target) the archived WAL does not hold
  target_not_found: 422,
  // Well-formed, but beyond what the tenant's plan allows (details carry the bound).
  limit_exceeded: 422,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export function httpStatusFor(code: AppErrorCode): number {
  return HTTP_STATUS[code];
}

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; details?: Record<string, unknown> };
}

/**
 * Anything that is not an AppError becomes an opaque `internal` body: driver errors and
 * stack traces can carry SQL, hostnames or another tenant's identifiers.
 */
export function toErrorBody(err: unknown): ErrorBody {
  if (isAppError(err)) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return body;
  }
  return { error: { code: 'internal', message: 'internal error' } };
}

/** Status + body in one call, for route handlers. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  const body = toErrorBody(err);
  return { status: httpStatusFor(body.error.code), body };
}
