import { AppError } from '@rewind/core';
import { errorResponse } from '@/server/api/error-response';

export const dynamic = 'force-dynamic';

// Unknown API paths answer JSON like every other API error, not Next's HTML 404 page.
function notFound(): Response {
  return errorResponse(new AppError('not_found', 'no such API endpoint'));
}

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
};
