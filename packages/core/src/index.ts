export * from './config/stack-env';
