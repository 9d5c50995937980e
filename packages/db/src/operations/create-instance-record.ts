import { randomInt, randomUUID } from 'node:crypto';
import { and, count, eq, ne, sql } from 'drizzle-orm';
import {
  AppError,
  encryptSecret,
  generateSecret,
  INSTANCE_OWNER_ROLE,
  INSTANCE_READER_ROLE,
  instanceNameProblem,
  type Keyring,
} from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { hosts, instances, plans, tenants } from '../schema';
import type { InstanceRecord } from './get-instance';

export interface CreateInstanceRecordOptions {
  tenantId: string;
  name: string;
  /** REWIND_SECRET_KEY, or a keyring during rotation (first key encrypts) */
  secretKey: Keyring;
  /** defaults to the first active host */
  hostId?: string;
  kind?: 'primary' | 'clone';
  sourceInstanceId?: string | null;
  expiresAt?: Date | null;
  /** skip the plan's instance limit (clones made by restores do not count against it) */
  ignorePlanLimit?: boolean;
}

const MAX_PORT_ATTEMPTS = 25;

/**
 * Refuses (conflict, nothing changed) when the tenant already has as many permanent instances
 * as its plan allows; clones do not count. Used by a new instance and by a clone kept as one.
 */
export async function assertInstanceLimit(tx: Tx, tenantId: string): Promise<void> {
  // two requests at once (a create and a keep) must not both take the last place
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`instance-limit:${tenantId}`}))`);
  const [tenant] = await tx
    .select({ id: tenants.id, planName: plans.name, maxInstances: plans.maxInstances })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError('not_found', 'tenant not found');
  const [used] = await tx
    .select({ n: count() })
    .from(instances)
    .where(
      and(
        tenantWhere(instances, tenantId),
        ne(instances.status, 'deleted'),
        eq(instances.kind, 'primary'),
      ),
    );
  if ((used?.n ?? 0) >= tenant.maxInstances)
    throw new AppError(
      'conflict',
      `the ${tenant.planName} plan allows ${tenant.maxInstances} instance(s); delete one or change plan`,
      { maxInstances: tenant.maxInstances, plan: tenant.planName },
    );
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { code?: string }).code === '23505' &&
    (e as { constraint?: string }).constraint === constraint
  );
}

/**
 * The control-plane row for a new instance (status `creating`); the create-instance workflow
 * then initdb's it on the host. Allocates a port on the host, the stanza name, and the
 * envelope-encrypted superuser password and pgBackRest repo cipher pass.
 *
 * Port allocation: under RLS the app role sees only its own tenant's ports, so the partial
 * unique index (host_id, port) is the arbiter. We start at a random free-looking port and
 * try the next one on a conflict, each attempt in a savepoint so the transaction survives.
 */
export async function createInstanceRecord(
  tx: Tx,
  options: CreateInstanceRecordOptions,
): Promise<InstanceRecord> {
  const { tenantId, name } = options;
  const nameProblem = instanceNameProblem(name);
  if (nameProblem) throw new AppError('validation_failed', nameProblem);

  const live = and(tenantWhere(instances, tenantId), ne(instances.status, 'deleted'));
  const [taken] = await tx
    .select({ id: instances.id })
    .from(instances)
    .where(and(live, eq(instances.name, name)))
    .limit(1);
  if (taken) throw new AppError('conflict', `an instance named ${name} already exists`);
  if (!options.ignorePlanLimit && (options.kind ?? 'primary') === 'primary')
    await assertInstanceLimit(tx, tenantId);

  const [host] = await tx
    .select()
    .from(hosts)
    .where(options.hostId ? eq(hosts.id, options.hostId) : eq(hosts.status, 'active'))
    .orderBy(hosts.id)
    .limit(1);
  if (!host || host.status !== 'active')
    throw new AppError('unavailable', 'no active host can take a new instance right now');

  const usedPorts = new Set(
    (
      await tx
        .select({ port: instances.port })
        .from(instances)
        .where(and(eq(instances.hostId, host.id), ne(instances.status, 'deleted')))
    )
      .map((r) => r.port)
      .filter((p): p is number => p !== null),
  );
  const size = host.portMax - host.portMin + 1;
  const candidates: number[] = [];
  const start = randomInt(size);
  for (let i = 0; i < size && candidates.length < MAX_PORT_ATTEMPTS; i++) {
    const port = host.portMin + ((start + i) % size);
    if (!usedPorts.has(port)) candidates.push(port);
  }

  const id = randomUUID();
  const base = {
    id,
    tenantId,
    name,
    hostId: host.id,
    status: 'creating' as const,
    databaseName: name.replaceAll('-', '_'),
    username: INSTANCE_OWNER_ROLE,
    readerUsername: INSTANCE_READER_ROLE,
    readerPasswordEnc: encryptSecret(generateSecret(24), options.secretKey),
    passwordEnc: encryptSecret(generateSecret(24), options.secretKey),
    repoCipherPassEnc: encryptSecret(generateSecret(32), options.secretKey),
    // The stanza outlives cutovers (a replace restore keeps it), so it is named once, here.
    stanza: `inst-${id}`,
    kind: options.kind ?? 'primary',
    sourceInstanceId: options.sourceInstanceId ?? null,
    expiresAt: options.expiresAt ?? null,
  };

  for (const port of candidates) {
    try {
      const [row] = await tx.transaction(async (sp) =>
        sp
          .insert(instances)
          .values({ ...base, port })
          .returning(),
      );
      if (row) return row;
    } catch (err) {
      if (isUniqueViolation(err, 'instances_host_port_live_uq')) continue;
      if (isUniqueViolation(err, 'instances_tenant_name_live_uq'))
        throw new AppError('conflict', `an instance named ${name} already exists`);
      throw err;
    }
  }
  throw new AppError(
    'unavailable',
    `no free port on host ${host.id} (range ${host.portMin}-${host.portMax})`,
  );
}
