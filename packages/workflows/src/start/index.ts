// Starting workflows from outside a workflow (web, CLI, worker). Not part of the worker's
// workflowsPath bundle: it imports @temporalio/client types only.
export { CONTROL_PLANE_QUEUE, hostQueue } from '../task-queues';
export {
  workflowDefs,
  type WorkflowDef,
  type WorkflowFn,
  type WorkflowName,
} from './workflow-defs';
export {
  executeWorkflow,
  signalWithStartWorkflow,
  startWorkflow,
  type StartRequest,
} from './start-workflow';
