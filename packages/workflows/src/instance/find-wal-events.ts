import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';

export interface WalEventsInput extends InstanceWorkflowInput {
  from: string;
  to: string;
}

/** Reads archived WAL on the instance's host (its pgBackRest config decrypts the repo). */
export async function walEvents(input: WalEventsInput) {
  const facts = await catalogProxy().loadInstanceFacts(input);
  return hostProxy(facts.hostId, { startToClose: '10 minutes', attempts: 1 }).findWalEvents(input);
}
