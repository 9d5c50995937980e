import 'server-only';
import { z } from 'zod';

/** POST …/restores and …/restores/preflight. `target` is checked by parseRestoreTarget (core). */
export const restoreBody = z
  .object({
    target: z.unknown(),
    mode: z.enum(['clone', 'replace']).optional(),
    region: z.string().min(1).max(63).optional(),
    /** replace: wait in awaiting_cutover for POST /restores/{id}/cutover (the diff is read first) */
    confirmCutover: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.target !== undefined, { message: 'target is required', path: ['target'] });

export function regionNames(env: { REGION_A_NAME: string; REGION_B_NAME: string }): string[] {
  return [env.REGION_A_NAME, env.REGION_B_NAME];
}
