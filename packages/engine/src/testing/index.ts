export { loadTestEnv } from './load-test-env';
export { freePortSlice } from './free-port-slice';
