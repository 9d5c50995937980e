import 'server-only';
import { isAppError, parseTargetTime } from '@rewind/core';
import { restoreStatuses } from '@rewind/db';
import { z } from 'zod';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

/** RFC 3339 with an offset, the same parser as restore targets and the tenant audit query. */
const rfc3339 = z.string().transform((value, ctx) => {
  try {
    return new Date(Number(parseTargetTime(value).epochMicros / 1000n));
  } catch (err) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: isAppError(err) ? err.message : 'not an RFC 3339 time' });
    return z.NEVER;
  }
});

const limit = z
  .string()
  .regex(/^\d{1,3}$/, 'must be an integer from 1 to 500')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 500, 'must be an integer from 1 to 500')
  .optional();

export const adminRestoresQuery = z
  .object({
    /** comma-separated, e.g. `pending_approval` or `running,succeeded` */
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(restoreStatuses)).min(1))
      .optional(),
    tenant: uuid.optional(),
    limit,
    before: rfc3339.optional(),
  })
  .strict();

export const adminDrillsQuery = z.object({ tenant: uuid.optional(), limit }).strict();

export const adminAuditQuery = z
  .object({
    /** a tenant id, or `platform` for the platform chain */
    tenant: z.union([z.literal('platform'), uuid]).optional(),
    action: z.string().regex(/^[a-z][a-z0-9_.]{0,99}$/, 'must be a dotted action name like restore.approved').optional(),
    from: rfc3339.optional(),
    to: rfc3339.optional(),
    limit,
    cursor: z.string().regex(/^[1-9]\d{0,15}$/, 'must be a cursor returned by a previous page').transform(Number).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from.getTime() <= q.to.getTime(), { message: 'from must not be after to', path: ['from'] });
