export * from './browser';
export * from './sign-in';
export * from './restorable-instance';
