import type { FindWalEventsInput } from '@rewind/activities';
import { catalogProxy, hostProxy } from './activity-options';

export type { FindWalEventsInput };

/** Reads archived WAL on the instance's host (its pgBackRest config decrypts the repo). */
export async function findWalEvents(input: FindWalEventsInput) {
  const facts = await catalogProxy().loadInstanceFacts(input);
  return hostProxy(facts.hostId, { startToClose: '10 minutes', attempts: 1 }).findWalEvents(input);
}
