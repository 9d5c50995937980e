// The worker's `workflowsPath`: every workflow function exported here is registered.
export { stackProbe } from './stack-probe';
export type { StackProbeInput, StackProbeResult } from './stack-probe';
