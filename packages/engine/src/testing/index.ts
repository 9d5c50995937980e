export { loadTestEnv } from './load-test-env';
export { freePortSlice, scratchPortRange } from './free-port-slice';
