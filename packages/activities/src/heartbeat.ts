import { Context } from '@temporalio/activity';

/**
 * Heartbeats every `everyMs` while `work` runs, so Temporal notices a dead worker within the
 * heartbeat timeout instead of waiting out a multi-hour start-to-close timeout. Outside an
 * activity (unit tests, scripts) it just runs `work`.
 */
export async function withHeartbeat<T>(
  work: () => Promise<T>,
  detail?: unknown,
  everyMs = 10_000,
): Promise<T> {
  let ctx: Context | undefined;
  try {
    ctx = Context.current();
  } catch {
    ctx = undefined;
  }
  if (!ctx) return work();
  const beat = ctx;
  beat.heartbeat(detail);
  const timer = setInterval(() => beat.heartbeat(detail), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
