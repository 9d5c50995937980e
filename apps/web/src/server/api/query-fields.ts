import 'server-only';
import { isAppError, parseTargetTime } from '@rewind/core';
import { z } from 'zod';

/**
 * Query-string fields several /api/v1 list routes take, defined once so every route refuses
 * the same input with the same words.
 */

export const uuidParam = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

/** RFC 3339 with an offset (the same parser as restore targets), as a Date. */
export const rfc3339Param = z.string().transform((value, ctx) => {
  try {
    return new Date(Number(parseTargetTime(value).epochMicros / 1000n));
  } catch (err) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: isAppError(err) ? err.message : 'not an RFC 3339 time',
    });
    return z.NEVER;
  }
});

/** A page size, 1 to 500. */
export const limitParam = z
  .string()
  .regex(/^\d{1,3}$/, 'must be an integer from 1 to 500')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 500, 'must be an integer from 1 to 500');

/** The cursor a previous page answered with. */
export const cursorParam = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be a cursor returned by a previous page')
  .transform(Number);

/** A dotted audit action name such as `restore.approved`, or a prefix ending in `*` (`restore.*`). */
export const actionParam = z
  .string()
  .regex(
    /^[a-z][a-z0-9_.]{0,99}\*?$/,
    'must be a dotted action name like restore.approved, or a prefix like restore.*',
  );
