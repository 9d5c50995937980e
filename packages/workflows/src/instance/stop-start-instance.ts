import { log } from '@temporalio/workflow';
import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';

export interface InstanceActionInput extends InstanceWorkflowInput {
  requestedBy?: string | null;
}

type Cp = ReturnType<typeof catalogProxy>;

/** Fast shutdown (a checkpoint, so the last WAL is complete), then status `stopped`. */
export async function stopInstance(input: InstanceActionInput): Promise<void> {
  const cp = catalogProxy();
  await transition(
    cp,
    input,
    { action: 'stop', during: 'stopping', done: 'stopped', before: 'running' },
    async (facts) => {
      await hostProxy(facts.hostId).stopInstance({ instanceId: facts.stanza, mode: 'fast' });
    },
  );
}

export async function startInstance(input: InstanceActionInput): Promise<void> {
  const cp = catalogProxy();
  await transition(
    cp,
    input,
    { action: 'start', during: 'starting', done: 'running', before: 'stopped' },
    async (facts) => {
      const host = hostProxy(facts.hostId);
      await host.startInstance({ instanceId: facts.stanza });
      // an instance made before the read-only role existed gets it with its first start
      await host.ensureReaderRole({ tenantId: input.tenantId, instanceId: input.instanceId });
    },
  );
}

interface Transition {
  action: 'stop' | 'start';
  during: 'stopping' | 'starting';
  done: 'stopped' | 'running';
  /** what the instance was before; assumed again when a failure leaves its real state unknown */
  before: 'running' | 'stopped';
}

type Facts = Awaited<ReturnType<Cp['loadInstanceFacts']>>;

/**
 * `during` (the API set it already; a caller starting the workflow directly gets it here), the
 * host step, `done` and the audit event. A failure must not leave the instance in `during`
 * (every later request would be refused): the status becomes what the host says the process is
 * (running or not), or the previous one if the host cannot say; both actions are idempotent on
 * the host, so the person can simply try again. The failure is audited and the workflow fails.
 */
async function transition(
  cp: Cp,
  input: InstanceActionInput,
  t: Transition,
  step: (facts: Facts) => Promise<void>,
): Promise<void> {
  const actorUserId = input.requestedBy ?? null;
  let facts: Facts | undefined;
  try {
    facts = await cp.loadInstanceFacts(input);
    await cp.setInstanceStatus({ ...input, status: t.during });
    await step(facts);
  } catch (err) {
    let settled: 'running' | 'stopped' = t.before;
    if (facts) {
      try {
        const now = await hostProxy(facts.hostId, {
          startToClose: '1 minute',
          attempts: 1,
        }).instanceStatus({ instanceId: facts.stanza });
        settled = now.running ? 'running' : 'stopped';
      } catch (probeErr) {
        log.warn('could not read the instance state after a failed action', {
          instanceId: input.instanceId,
          error: String(probeErr),
        });
      }
    }
    await cp.setInstanceStatus({ ...input, status: settled });
    await cp.recordInstanceAudit({
      ...input,
      action: `instance.${t.action}_failed`,
      actorUserId,
      data: { error: errorMessage(err).slice(0, 2000), status: settled },
    });
    throw err;
  }
  await cp.setInstanceStatus({ ...input, status: t.done });
  await cp.recordInstanceAudit({
    ...input,
    action: t.action === 'stop' ? 'instance.stopped' : 'instance.started',
    actorUserId,
  });
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}
