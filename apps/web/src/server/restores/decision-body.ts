import 'server-only';
import { z } from 'zod';

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
