import { and, eq } from 'drizzle-orm';
import { AppError, generateApiToken } from '@rewind/core';
import type { Tx } from '../client';
import { apiTokens, memberships } from '../schema';

export interface CreateApiTokenRecordOptions {
  tenantId: string;
  userId: string;
  name: string;
  scopes?: string[];
}

export interface CreatedApiToken {
  /** the secret, to show exactly once */
  token: string;
  id: string;
  name: string;
  displayPrefix: string;
  createdAt: Date;
}

/**
 * Stores a new token for a member of the tenant (hash only) and returns the secret once.
 * The person must be a member now: a token acts as its person and never outlives them.
 */
export async function createApiTokenRecord(
  tx: Tx,
  options: CreateApiTokenRecordOptions,
): Promise<CreatedApiToken> {
  const name = options.name.trim();
  if (name.length === 0 || name.length > 100)
    throw new AppError('validation_failed', 'token name must be 1-100 characters');
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, options.tenantId), eq(memberships.userId, options.userId)))
    .limit(1);
  if (!member)
    throw new AppError('forbidden', 'only members of the tenant can hold its API tokens');

  const generated = generateApiToken();
  const [row] = await tx
    .insert(apiTokens)
    .values({
      tenantId: options.tenantId,
      userId: options.userId,
      name,
      tokenHash: generated.hash,
      displayPrefix: generated.displayPrefix,
      scopes: options.scopes ?? [],
    })
    .returning({
      id: apiTokens.id,
      name: apiTokens.name,
      displayPrefix: apiTokens.displayPrefix,
      createdAt: apiTokens.createdAt,
    });
  if (!row) throw new Error('invariant: token insert returned no row');
  return { token: generated.token, ...row };
}
