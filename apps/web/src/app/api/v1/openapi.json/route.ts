import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { openApiDocument } from '@/server/openapi/openapi-document';

export const dynamic = 'force-dynamic';

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (public: it names no data). */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'no-store' } });
}

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
