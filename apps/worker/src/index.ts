export { bundleWorkflows, createWorkers, waitUntilRunning, workflowsPath } from './create-workers';
