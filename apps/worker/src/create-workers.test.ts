import { describe, expect, it } from 'vitest';
import { polledQueues } from './create-workers';

describe('polledQueues (REWIND_WORKER_QUEUES)', () => {
  it('polls both queues by default, as the local stack does', () => {
    expect(polledQueues('all', 'host-1')).toEqual(['control-plane', 'host:host-1']);
  });

  it('splits them for a deployment: control-plane workers scale out, each host polls its own', () => {
    expect(polledQueues('control-plane', 'host-1')).toEqual(['control-plane']);
    expect(polledQueues('host', 'host-3')).toEqual(['host:host-3']);
  });
});
