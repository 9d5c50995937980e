export * from './browser';
export * from './sign-in';
export * from './restorable-instance';
export * from './e2e-tenant';
export * from './plotted-points';
