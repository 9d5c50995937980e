import 'server-only';
import { isPermission } from '@rewind/core';
import type { ApiTokenSummary } from '@rewind/db';
import { z } from 'zod';

export const createTokenBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'name is required')
      .max(100, 'name must be at most 100 characters'),
    scopes: z.array(z.string().refine(isPermission, 'not a known permission')).max(20).optional(),
  })
  .strict();

export function toTokenView(t: ApiTokenSummary) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.displayPrefix,
    scopes: t.scopes,
    user: { id: t.userId, email: t.userEmail },
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
