import 'server-only';
import { restoreStatuses } from '@rewind/db';
import { z } from 'zod';
import { actionParam, cursorParam, limitParam, rfc3339Param, uuidParam } from '../api/query-fields';

const limit = limitParam.optional();

export const adminRestoresQuery = z
  .object({
    /** comma-separated, e.g. `pending_approval` or `running,succeeded` */
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(restoreStatuses)).min(1))
      .optional(),
    tenant: uuidParam.optional(),
    limit,
    before: rfc3339Param.optional(),
  })
  .strict();

export const adminDrillsQuery = z.object({ tenant: uuidParam.optional(), limit }).strict();

export const adminAuditQuery = z
  .object({
    /** a tenant id, or `platform` for the platform chain */
    tenant: z.union([z.literal('platform'), uuidParam]).optional(),
    action: actionParam.optional(),
    from: rfc3339Param.optional(),
    to: rfc3339Param.optional(),
    limit,
    cursor: cursorParam.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from.getTime() <= q.to.getTime(), {
    message: 'from must not be after to',
    path: ['from'],
  });
