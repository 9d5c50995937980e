import 'server-only';
import { z } from 'zod';
import { INSTANCE_NAME_PATTERN, INSTANCE_NAME_RULE } from '../../lib/api-types';

/** POST /api/v1/instances */
export const createInstanceBody = z
  .object({
    name: z.string().regex(INSTANCE_NAME_PATTERN, `must be ${INSTANCE_NAME_RULE}`),
  })
  .strict();

/** stop/start take no options; an unknown field is refused rather than silently ignored */
export const instanceActionBody = z.object({}).strict();

/** POST /api/v1/instances/{id}/backups */
export const startBackupBody = z
  .object({ type: z.enum(['full', 'diff', 'incr']).default('incr') })
  .strict();
