export * from './browser';
export * from './sign-in';
