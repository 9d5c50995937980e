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

/** POST /api/v1/instances/{id}/extend: the clone's new expiry, RFC 3339 with an offset */
export const extendCloneBody = z
  .object({
    expiresAt: z.string().datetime({
      offset: true,
      message: 'expiresAt must be an RFC 3339 time with an offset, e.g. 2026-11-23T14:00:00Z',
    }),
  })
  .strict();

/** POST /api/v1/instances/{id}/password takes no options */
export const revealPasswordBody = z.object({}).strict();

/** POST /api/v1/instances/{id}/keep takes no options */
export const keepCloneBody = z.object({}).strict();
