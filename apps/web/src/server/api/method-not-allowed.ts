import 'server-only';
import { AppError } from '@rewind/core';
import { errorResponse } from './error-response';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The handler a route exports for the methods it does not serve: Next.js would otherwise answer
 * 405 with an empty body. Through the one AppError → HTTP mapping, with `Allow`.
 */
export function methodNotAllowed(allowed: readonly (typeof METHODS)[number][]) {
  return (req: Request): Response => {
    const res = errorResponse(
      new AppError(
        'method_not_allowed',
        `${req.method} is not allowed on this endpoint; use ${allowed.join(' or ')}`,
      ),
    );
    res.headers.set('allow', allowed.join(', '));
    return res;
  };
}

/** The methods a route serving `allowed` must still answer (with 405). */
export function otherMethods(allowed: readonly string[]): string[] {
  return METHODS.filter((m) => !allowed.includes(m));
}
