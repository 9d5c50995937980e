import type { z } from 'zod';

/** A message that names the offending field, so API clients can fix the request without guessing. */
export function zodIssueMessage(issue: z.ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => [...issue.path, k].join('.'));
    return `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`;
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${field}: ${issue.message}`;
}
