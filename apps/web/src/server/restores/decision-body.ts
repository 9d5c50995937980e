import 'server-only';
import { z } from 'zod';
import { limitParam } from '../api/query-fields';

/** POST …/restores/{id}/approve|reject */
export const decisionBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'reason is required')
      .max(500, 'reason must be at most 500 characters'),
  })
  .strict();

/** POST …/restores/{id}/undo */
export const undoBody = z.object({ reason: z.string().max(2000).optional() }).strict();

/** GET /api/v1/restores?instanceId=&limit= */
export const restoreListQuery = z
  .object({
    instanceId: z.string().max(64).optional(),
    limit: limitParam.optional(),
  })
  .strict();
