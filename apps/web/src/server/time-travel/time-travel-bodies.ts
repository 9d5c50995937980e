import 'server-only';
import { TABLE_RESTORE_LIMITS, VALIDATION_QUERY_LIMITS, tableRestoreModes } from '@rewind/core';
import { z } from 'zod';

/** POST …/time-travel: the second (or any restore target) to look at. `target` is checked by parseRestoreTarget. */
export const timeTravelBody = z
  .object({ target: z.unknown() })
  .strict()
  .refine((b) => b.target !== undefined, { message: 'target is required', path: ['target'] });

/** POST …/query: one read-only query, judged by PostgreSQL's parser (validationQueryProblem). */
export const consoleQueryBody = z
  .object({ sql: z.string().max(VALIDATION_QUERY_LIMITS.sqlMax) })
  .strict();

/** POST …/table-restores. Names are checked by parseQualifiedTable / parseSchemaName (core). */
export const tableRestoreBody = z
  .object({
    target: z.unknown(),
    tables: z.array(z.string()).max(TABLE_RESTORE_LIMITS.tables).optional(),
    schema: z.string().optional(),
    into: z.enum(tableRestoreModes).optional(),
    confirm: z.string().max(2000).optional(),
  })
  .strict()
  .refine((b) => b.target !== undefined, { message: 'target is required', path: ['target'] });
