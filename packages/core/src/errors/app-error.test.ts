import { describe, expect, it } from 'vitest';
import {
  AppError,
  appErrorCodes,
  httpStatusFor,
  isAppError,
  toErrorBody,
  toErrorResponse,
} from './app-error';

describe('AppError', () => {
  it('carries code, message and details', () => {
    const err = new AppError('not_found', 'instance not found', { id: 'x' });
    expect(err).toBeInstanceOf(Error);
    expect(isAppError(err)).toBe(true);
    expect([err.code, err.message, err.details, err.name]).toEqual([
      'not_found',
      'instance not found',
      { id: 'x' },
      'AppError',
    ]);
  });

  it.each([
    ['bad_request', 400],
    ['validation_failed', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['target_naive', 422],
    ['target_in_future', 422],
    ['target_before_window', 422],
    ['target_after_window', 422],
    ['target_in_gap', 422],
    ['payload_too_large', 413],
    ['rate_limited', 429],
    ['unavailable', 503],
    ['internal', 500],
  ] as const)('%s maps to %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });

  it('maps every code (no code forgotten in the table)', () => {
    for (const code of appErrorCodes) expect(httpStatusFor(code)).toBeGreaterThanOrEqual(400);
  });

  it('renders the API error body', () => {
    expect(toErrorBody(new AppError('conflict', 'name taken'))).toEqual({
      error: { code: 'conflict', message: 'name taken' },
    });
    expect(toErrorResponse(new AppError('rate_limited', 'slow down'))).toEqual({
      status: 429,
      body: { error: { code: 'rate_limited', message: 'slow down' } },
    });
  });

  it('hides unknown errors behind an opaque internal error', () => {
    const body = toErrorBody(
      new Error('duplicate key value violates unique constraint "users_email_unique"'),
    );
    expect(body).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(toErrorResponse('boom').status).toBe(500);
  });
});
