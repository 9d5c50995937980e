import 'server-only';
import { validationExpectations, VALIDATION_QUERY_LIMITS } from '@rewind/core';
import type { ValidationQueryRecord } from '@rewind/db';
import { z } from 'zod';
import type { ValidationQueryView } from '@/lib/api-types';

/**
 * The shape of POST …/validation-queries. What the SQL may say (one read-only statement) is
 * decided by `createValidationQuery`, so every caller gets the same rules and messages.
 */
export const createValidationQueryBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(
        VALIDATION_QUERY_LIMITS.nameMax,
        `must be at most ${VALIDATION_QUERY_LIMITS.nameMax} characters`,
      ),
    sql: z
      .string()
      .max(
        VALIDATION_QUERY_LIMITS.sqlMax,
        `must be at most ${VALIDATION_QUERY_LIMITS.sqlMax} characters`,
      )
      .refine((s) => s.trim().length > 0, 'is required'),
    expectation: z
      .enum(validationExpectations, {
        errorMap: () => ({ message: `must be one of ${validationExpectations.join(', ')}` }),
      })
      .optional(),
  })
  .strict();

export function toValidationQueryView(q: ValidationQueryRecord): ValidationQueryView {
  return {
    id: q.id,
    instanceId: q.instanceId,
    name: q.name,
    sql: q.sql,
    expectation: q.expectation,
    createdAt: q.createdAt.toISOString(),
  };
}
