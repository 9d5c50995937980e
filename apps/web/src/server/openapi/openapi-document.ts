import 'server-only';
import {
  extendZodWithOpenApi,
  OpenAPIRegistry,
  OpenApiGeneratorV31,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { apiOperations, type ApiOperation } from './api-operations';
import { errorBodySchema } from './response-schemas';

extendZodWithOpenApi(z);

/** `request.query` / `params` take an object: unwrap a refined one (the refinement stays the route's). */
function objectOf(schema: z.ZodTypeAny): z.AnyZodObject {
  let s: z.ZodTypeAny = schema;
  while (s instanceof z.ZodEffects) s = s.innerType();
  if (!(s instanceof z.ZodObject)) throw new Error('a query schema must be an object');
  return s;
}

function paramsOf(path: string): z.AnyZodObject | undefined {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (names.length === 0) return undefined;
  return z.object(Object.fromEntries(names.map((n) => [n, z.string().min(1)])));
}

function register(registry: OpenAPIRegistry, op: ApiOperation, errorBody: z.ZodTypeAny) {
  const params = paramsOf(op.path);
  const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema } });
  registry.registerPath({
    method: op.method,
    path: op.path,
    summary: op.summary,
    tags: [op.tag],
    ...(op.auth === false ? { security: [] } : {}),
    request: {
      ...(params ? { params } : {}),
      ...(op.query ? { query: objectOf(op.query) } : {}),
      ...(op.body ? { body: { required: !op.bodyOptional, content: json(op.body) } } : {}),
    },
    responses: {
      [op.status]: {
        description: op.summary,
        ...(op.response ? { content: json(op.response) } : {}),
      },
      ...Object.fromEntries(
        Object.entries(op.otherResponses ?? {}).map(([status, r]) => [
          status,
          { description: r.description, content: json(r.schema) },
        ]),
      ),
      default: {
        description:
          'An error: 4xx for bad input (400 invalid, 401/403, 404 unknown or another tenant’s, 405 method, 409 state, 422 a target the window cannot serve), 5xx otherwise',
        content: json(errorBody),
      },
    },
  });
}

let cached: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

/** The OpenAPI 3.1 document of the API, generated once from the operations table. */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token (rw_…) from `npm run admin -- token create` or the portal; the portal itself uses its session cookie',
  });
  const errorBody = registry.register('ErrorBody', errorBodySchema);
  for (const op of apiOperations) register(registry, op, errorBody);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Rewind API',
      version: '1',
      description:
        'PostgreSQL point-in-time restore as a service. Times are RFC 3339 with an offset; answers are in UTC. Any POST may carry an Idempotency-Key header.',
    },
    security: [{ bearer: [] }],
  });
  return cached;
}
