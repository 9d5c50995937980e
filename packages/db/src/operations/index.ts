export * from './list-instances';
export * from './get-instance';
export * from './create-instance-record';
export * from './create-api-token-record';
export * from './list-tenants';
