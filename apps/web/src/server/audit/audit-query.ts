import 'server-only';
import { isAppError, parseTargetTime } from '@rewind/core';
import type { AuditEventRow } from '@rewind/db';
import { z } from 'zod';
import type { AuditEventView } from '../../lib/api-types';

/** RFC 3339 with an offset (the same parser as restore targets), as a Date. */
const rfc3339 = z.string().transform((value, ctx) => {
  try {
    return new Date(Number(parseTargetTime(value).epochMicros / 1000n));
  } catch (err) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: isAppError(err) ? err.message : 'not an RFC 3339 time' });
    return z.NEVER;
  }
});

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

export const auditQuerySchema = z
  .object({
    instanceId: uuid.optional(),
    from: rfc3339.optional(),
    to: rfc3339.optional(),
    action: z.string().regex(/^[a-z][a-z0-9_.]{0,99}$/, 'must be a dotted action name like restore.approved').optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'must be an integer from 1 to 500')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 500, 'must be an integer from 1 to 500')
      .optional(),
    cursor: z.string().regex(/^[1-9]\d{0,15}$/, 'must be a cursor returned by a previous page').transform(Number).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from.getTime() <= q.to.getTime(), { message: 'from must not be after to', path: ['from'] });

export function toAuditEventView(e: AuditEventRow): AuditEventView {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { type: e.actorType, id: e.actorId, email: e.actorEmail },
    action: e.action,
    target: e.targetType && e.targetId ? { type: e.targetType, id: e.targetId } : null,
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
