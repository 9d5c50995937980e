import type { ConsoleQueryInput } from '@rewind/activities';
import { hostProxy } from '../instance/activity-options';

export type { ConsoleQueryInput };

/** One console query on the instance's host (the web waits for it; one attempt: a query is not retried). */
export async function runConsoleQuery(input: ConsoleQueryInput & { hostId: string }) {
  const { hostId, ...query } = input;
  return hostProxy(hostId, { startToClose: '1 minute', attempts: 1 }).consoleQuery(query);
}
