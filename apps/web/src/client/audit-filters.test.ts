import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { auditFieldErrors, fieldErrorOf, utcFieldToIso } from './audit-filters';

describe('audit filters', () => {
  it('reads the UTC pickers as UTC, with or without seconds', () => {
    expect(utcFieldToIso('2026-12-01T14:05')).toBe('2026-12-01T14:05:00Z');
    expect(utcFieldToIso('2026-12-01T14:05:09')).toBe('2026-12-01T14:05:09Z');
    expect(utcFieldToIso('2026-12-01')).toBeNull();
  });

  it('marks the field that is wrong before asking the API', () => {
    expect(auditFieldErrors({ from: '', to: '' }, '')).toEqual({});
    expect(auditFieldErrors({ from: '2026-12-02T00:00', to: '2026-12-01T00:00' }, '')).toEqual({
      from: 'From must not be after To.',
    });
    expect(auditFieldErrors({ from: '2026-12-02', to: '' }, '')).toHaveProperty('from');
    expect(auditFieldErrors({ from: '', to: '' }, 'restore.*')).toEqual({});
    expect(auditFieldErrors({ from: '', to: '' }, 'Restore;')).toHaveProperty('action');
  });

  it('puts a refusal of one filter under its field, and nothing else', () => {
    expect(
      fieldErrorOf(new ApiError(400, 'validation_failed', 'from: not an RFC 3339 time')),
    ).toEqual({ from: 'not an RFC 3339 time' });
    expect(fieldErrorOf(new ApiError(400, 'validation_failed', 'unknown field: x'))).toBeNull();
    expect(fieldErrorOf(new ApiError(500, 'internal', 'from: boom'))).toBeNull();
  });
});
