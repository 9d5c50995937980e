export {
  loadStackEnv,
  readStackEnvFile,
  renderStackEnv,
  parseEnvFile,
  formatEnvFile,
  REGION_BUCKETS,
} from './stack-env-file';
export { computePorts, PROFILE_PORT_BASE, type PortLayout } from './ports';
export { stackPaths, REPO_ROOT, type Profile } from './paths';
