import 'server-only';
import { z } from 'zod';

/** GET …/restores/{id}/diff?format=: JSON (default) or the CSV download. */
export const restoreDiffQuery = z
  .object({
    format: z
      .enum(['json', 'csv'])
      .optional()
      .describe('json (default) or csv: one line per table and one per differing row'),
  })
  .strict();
