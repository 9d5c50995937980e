import { backoffDelayMs } from '@rewind/core';

/**
 * What the stack's supervisor does when a supervised app (worker, web) exits, modelled on
 * systemd's `Restart=on-failure` + `RestartSec` + `StartLimitBurst`:
 * - a clean exit (code 0, no signal) is not restarted;
 * - any other exit is restarted after an exponential backoff (1 s, 2 s, 4 s … 30 s);
 * - a child that ran for `stableAfterMs` counts as healthy again: the backoff starts over;
 * - `maxQuickFailures` failures in a row, each shorter-lived than `stableAfterMs`, give up
 *   (a crash loop: the log says why, `status` shows it, and nothing spins the CPU).
 */
export interface SupervisionPolicy {
  baseMs: number;
  maxMs: number;
  stableAfterMs: number;
  maxQuickFailures: number;
}

export const DEFAULT_POLICY: SupervisionPolicy = {
  baseMs: 1_000,
  maxMs: 30_000,
  stableAfterMs: 60_000,
  maxQuickFailures: 8,
};

export interface ChildExit {
  code: number | null;
  signal: string | null;
  ranForMs: number;
}

export type ExitDecision =
  { action: 'stop'; why: string } | { action: 'restart'; delayMs: number; quickFailures: number };

export function decideAfterExit(
  exit: ChildExit,
  quickFailuresBefore: number,
  policy: SupervisionPolicy = DEFAULT_POLICY,
): ExitDecision {
  if (exit.code === 0 && exit.signal === null)
    return { action: 'stop', why: 'exited cleanly (code 0): not restarted' };
  const quickFailures = exit.ranForMs >= policy.stableAfterMs ? 0 : quickFailuresBefore + 1;
  if (quickFailures >= policy.maxQuickFailures) {
    return {
      action: 'stop',
      why: `gave up after ${quickFailures} failures in a row, each within ${policy.stableAfterMs / 1000} s of start`,
    };
  }
  return {
    action: 'restart',
    delayMs: backoffDelayMs(Math.max(0, quickFailures - 1), policy),
    quickFailures,
  };
}

/** "killed by SIGKILL", "exit code 1: worker: fatal: …" — what `status` shows as the last exit. */
export function describeExit(
  exit: Pick<ChildExit, 'code' | 'signal'>,
  lastErrorLine?: string,
): string {
  const how = exit.signal !== null ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  return lastErrorLine ? `${how}: ${lastErrorLine.slice(0, 200)}` : how;
}

/** The state file the supervisor keeps next to the pid file (run/<service>.supervisor.json). */
export interface SupervisorState {
  service: string;
  supervisorPid: number;
  childPid: number | null;
  childStartedAt: string | null;
  restarts: number;
  lastExit: { at: string; reason: string } | null;
  /** set when the supervisor gave up or the child exited cleanly */
  stopped: string | null;
}
