import 'server-only';
import { AppError } from '@rewind/core';
import type { z } from 'zod';
import { zodIssueMessage } from './zod-issue-message';

/**
 * Query parameters through a strict schema: an unknown or repeated parameter is a 400, not
 * silently ignored (a typo like `?form=` must not return an unfiltered list).
 */
export function readQuery<S extends z.ZodTypeAny>(url: URL, schema: S): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in raw)
      throw new AppError('validation_failed', `query parameter ${key} is given more than once`);
    raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError('validation_failed', first ? zodIssueMessage(first) : 'invalid query');
  }
  return parsed.data;
}
