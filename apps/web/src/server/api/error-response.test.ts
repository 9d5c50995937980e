import { AppError } from '@rewind/core';
import { describe, expect, it, vi } from 'vitest';
import { errorResponse } from './error-response';

describe('errorResponse', () => {
  it('maps AppError codes to their status with the JSON error shape', async () => {
    const res = errorResponse(new AppError('not_found', 'instance not found'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'instance not found' },
    });
  });

  it('hides unknown errors behind a generic 500 and logs the detail', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = errorResponse(new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2'));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
