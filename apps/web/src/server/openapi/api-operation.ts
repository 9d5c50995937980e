import 'server-only';
import { z } from 'zod';
import { listOf, okSchema } from './response-schemas';

/**
 * Every operation of the HTTP API, with the zod schemas its route validates with (bodies and
 * queries are imported from the modules the routes import them from, never written again) and
 * what it answers. The OpenAPI document is generated from this table; a unit test walks
 * app/api/**\/route.ts and fails on a route method missing here.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: /api/v1/instances/{id} */
  path: string;
  summary: string;
  tag: string;
  /** false: no credentials needed */
  auth?: boolean;
  body?: z.ZodTypeAny;
  /** optional body (POST …/backups takes none or one) */
  bodyOptional?: boolean;
  query?: z.ZodTypeAny;
  /** the success status and its body (null: no body) */
  status: 200 | 201 | 202 | 204;
  response: z.ZodTypeAny | null;
  /** other answers with their own body (not the error body), e.g. health's 503 */
  otherResponses?: Readonly<Record<number, { description: string; schema: z.ZodTypeAny }>>;
}

/** A body of no fields (actions that take none but refuse unknown ones). */
export const empty = z.object({}).strict();
/** An answer documented as an object without a schema of its own. */
export const anyObject = okSchema;
export const anyList = listOf(anyObject);
