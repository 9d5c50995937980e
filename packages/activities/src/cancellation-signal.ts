import { Context } from '@temporalio/activity';

/**
 * The running activity's cancellation signal (aborted when the workflow cancels it and a
 * heartbeat brings the news), or undefined outside an activity (scripts, unit tests).
 */
export function activityCancellationSignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}
