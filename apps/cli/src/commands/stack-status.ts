import { spawnSync } from 'node:child_process';
import { repoRoot } from '../deps';

/** The stack manager owns status reporting; the CLI only forwards to it. */
export function stackStatus(): number {
  const result = spawnSync('bash', ['infra/bin/stack.sh', 'status'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`could not run infra/bin/stack.sh: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}
