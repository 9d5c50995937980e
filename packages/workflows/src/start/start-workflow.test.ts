import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { applyPlanSignal } from '../messages';
import { CONTROL_PLANE_QUEUE } from '../task-queues';
import { executeWorkflow, signalWithStartWorkflow, startWorkflow } from './start-workflow';
import { workflowDefs } from './workflow-defs';

/** Records what the helper asks Temporal for; the helper's job is the type, id and queue. */
function recordingClient() {
  const calls: Array<{ method: string; type: unknown; options: Record<string, unknown> }> = [];
  const record = (method: string) => async (type: unknown, options: Record<string, unknown>) => {
    calls.push({ method, type, options });
    return {};
  };
  const client = {
    workflow: {
      start: record('start'),
      execute: record('execute'),
      signalWithStart: record('signalWithStart'),
    },
  };
  return { client: client as unknown as Client, calls };
}

const input = { tenantId: 't1', instanceId: 'i1', requestedBy: 'u1' };

describe('startWorkflow', () => {
  it('starts the def’s type under its built id on the control-plane queue', async () => {
    const { client, calls } = recordingClient();
    await startWorkflow(client, workflowDefs.deleteInstance, { id: ['t1', 'i1'], args: [input] });
    expect(calls).toEqual([
      {
        method: 'start',
        type: 'deleteInstance',
        options: {
          taskQueue: CONTROL_PLANE_QUEUE,
          workflowId: 'tenant:t1:instance:i1:delete',
          args: [input],
        },
      },
    ]);
  });

  it('takes a test queue and extra Temporal options, never a caller-made id', async () => {
    const { client, calls } = recordingClient();
    await executeWorkflow(client, workflowDefs.findWalEvents, {
      id: ['t1', 'i1', 'r1'],
      args: [{ tenantId: 't1', instanceId: 'i1', from: 'a', to: 'b' }],
      taskQueue: 'it-queue',
      options: { workflowExecutionTimeout: '5 minutes' },
    });
    expect(calls[0]?.options).toMatchObject({
      taskQueue: 'it-queue',
      workflowId: 'tenant:t1:instance:i1:wal-events:r1',
      workflowExecutionTimeout: '5 minutes',
    });
  });

  it('signals with start under the tenant’s one id', async () => {
    const { client, calls } = recordingClient();
    const request = { requestedBy: null, reason: 'plan.updated' };
    await signalWithStartWorkflow(client, workflowDefs.applyTenantPlan, {
      id: ['t1'],
      args: [{ tenantId: 't1', ...request }],
      signal: applyPlanSignal,
      signalArgs: [request],
    });
    expect(calls[0]).toMatchObject({
      method: 'signalWithStart',
      type: 'applyTenantPlan',
      options: { workflowId: 'tenant:t1:apply-plan', signal: applyPlanSignal },
    });
  });

  it('checks args and id parts against the workflow at compile time', () => {
    const { client } = recordingClient();
    // never run: these lines exist for the type checker
    void (() => {
      void startWorkflow(client, workflowDefs.deleteInstance, {
        id: ['t1', 'i1'],
        // @ts-expect-error deleteInstance takes { tenantId, instanceId, requestedBy }
        args: [{ tenantId: 't1' }],
      });
      // @ts-expect-error the id builder takes tenant and instance
      void startWorkflow(client, workflowDefs.deleteInstance, { id: ['t1'], args: [input] });
    });
    expect(true).toBe(true);
  });
});
