import { and, count, eq, sql } from 'drizzle-orm';
import {
  AppError,
  isValidationExpectation,
  validationQueryProblem,
  VALIDATION_QUERY_LIMITS,
  type ValidationExpectation,
} from '@rewind/core';
import type { Tx } from '../client';
import { appendAuditEvent, type AuditActor } from '../audit/append-audit-event';
import { tenantWhere } from '../access';
import { validationQueries } from '../schema';
import { getInstance } from './get-instance';
import type { ValidationQueryRecord } from './list-validation-queries';

export interface CreateValidationQueryOptions {
  tenantId: string;
  instanceId: string;
  actor: AuditActor;
  name: string;
  sql: string;
  expectation?: ValidationExpectation;
}

/**
 * Saves one of the tenant's checks on an instance; every later restore of it (clone, replace,
 * drill) runs it against the restored copy and fails when its expectation is not met. The SQL
 * must be a single read-only query (see `validationQueryProblem` for why and what is refused).
 * Audited as `validation_query.created` in the same transaction.
 */
export async function createValidationQuery(
  tx: Tx,
  options: CreateValidationQueryOptions,
): Promise<ValidationQueryRecord> {
  const { tenantId } = options;
  const name = options.name.trim();
  if (name.length === 0 || name.length > VALIDATION_QUERY_LIMITS.nameMax)
    throw new AppError(
      'validation_failed',
      `name must be 1-${VALIDATION_QUERY_LIMITS.nameMax} characters`,
    );
  const expectation = options.expectation ?? 'positive_count';
  if (!isValidationExpectation(expectation))
    throw new AppError(
      'validation_failed',
      'expectation must be one of positive_count, non_empty, zero_rows',
    );
  const problem = await validationQueryProblem(options.sql);
  if (problem) throw new AppError('validation_failed', problem);
  const text = options.sql.trim();

  // another tenant's (or an unknown, deleted) instance is not_found like any other miss
  const instance = await getInstance(tx, tenantId, options.instanceId);
  if (instance.kind === 'clone')
    throw new AppError(
      'conflict',
      `${instance.name} is a restored clone: restores are made from the instance it was cloned from, so save validation queries there`,
    );

  // one writer per instance at a time, so the limit and unique names hold under concurrent requests
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`rewind.validation-queries:${instance.id}`}))`,
  );
  const mine = and(
    tenantWhere(validationQueries, tenantId),
    eq(validationQueries.instanceId, instance.id),
  );
  const [used] = await tx.select({ n: count() }).from(validationQueries).where(mine);
  if ((used?.n ?? 0) >= VALIDATION_QUERY_LIMITS.perInstance)
    throw new AppError(
      'conflict',
      `${instance.name} already has ${VALIDATION_QUERY_LIMITS.perInstance} validation queries, the most an instance can have; delete one first`,
      { limit: VALIDATION_QUERY_LIMITS.perInstance },
    );
  const [taken] = await tx
    .select({ id: validationQueries.id })
    .from(validationQueries)
    .where(and(mine, eq(validationQueries.name, name)))
    .limit(1);
  if (taken)
    throw new AppError('conflict', `${instance.name} already has a validation query named ${name}`);

  const [row] = await tx
    .insert(validationQueries)
    .values({ tenantId, instanceId: instance.id, name, sql: text, expectation })
    .returning();
  if (!row) throw new Error('invariant: validation query insert returned no row');
  await appendAuditEvent(tx, {
    tenantId,
    actor: options.actor,
    action: 'validation_query.created',
    target: { type: 'validation_query', id: row.id },
    data: { instanceId: instance.id, name, expectation, sql: text.slice(0, 2000) },
  });
  return row;
}
