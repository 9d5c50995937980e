import type {
  Client,
  SignalDefinition,
  WithWorkflowArgs,
  WorkflowHandle,
  WorkflowResultType,
  WorkflowSignalWithStartOptions,
  WorkflowStartOptions,
} from '@temporalio/client';
import type { WorkflowDef, WorkflowFn, WorkflowName } from './workflow-defs';

/** What differs per start: the id's parts, the workflow's own args, and optional Temporal options. */
export interface StartRequest<N extends WorkflowName, IdParts extends unknown[]> {
  id: IdParts;
  args: Parameters<WorkflowFn<N>>;
  /** tests run their own worker on their own queue; production uses the def's queue */
  taskQueue?: string;
  options?: Omit<WorkflowStartOptions<WorkflowFn<N>>, 'taskQueue' | 'workflowId' | 'args'>;
}

function startOptions<N extends WorkflowName, IdParts extends unknown[]>(
  def: WorkflowDef<N, IdParts>,
  req: StartRequest<N, IdParts>,
): WorkflowStartOptions<WorkflowFn<N>> {
  return {
    ...req.options,
    taskQueue: req.taskQueue ?? def.taskQueue,
    workflowId: def.id(...req.id),
    args: req.args,
  } as WorkflowStartOptions<WorkflowFn<N>>;
}

/**
 * Starts a workflow by its def: the args are checked against the workflow function's type,
 * the id comes from its builder and the queue from the def. One way for every caller.
 */
export function startWorkflow<N extends WorkflowName, IdParts extends unknown[]>(
  client: Client,
  def: WorkflowDef<N, IdParts>,
  req: StartRequest<N, IdParts>,
): Promise<WorkflowHandle<WorkflowFn<N>>> {
  return client.workflow.start<WorkflowFn<N>>(def.type, startOptions(def, req));
}

/** Starts a workflow and waits for its result (typed by the workflow function). */
export function executeWorkflow<N extends WorkflowName, IdParts extends unknown[]>(
  client: Client,
  def: WorkflowDef<N, IdParts>,
  req: StartRequest<N, IdParts>,
): Promise<WorkflowResultType<WorkflowFn<N>>> {
  return client.workflow.execute<WorkflowFn<N>>(def.type, startOptions(def, req));
}

/** Signals the workflow under the def's id, starting it first if it is not running. */
export function signalWithStartWorkflow<
  N extends WorkflowName,
  IdParts extends unknown[],
  SignalArgs extends unknown[],
>(
  client: Client,
  def: WorkflowDef<N, IdParts>,
  req: StartRequest<N, IdParts> & { signal: SignalDefinition<SignalArgs>; signalArgs: SignalArgs },
): Promise<WorkflowHandle<WorkflowFn<N>>> {
  return client.workflow.signalWithStart<WorkflowFn<N>, SignalArgs>(def.type, {
    ...startOptions(def, req),
    signal: req.signal,
    signalArgs: req.signalArgs,
  } as WithWorkflowArgs<WorkflowFn<N>, WorkflowSignalWithStartOptions<SignalArgs>>);
}
