export * from './restore-metrics';
export * from './observe-restore';
export * from './fleet-aggregates';
export * from './fleet-metrics';
export * from './metrics-auth';
export * from './rewind-registry';
export * from './serve-metrics';
