export * from './seed-reference';
export * from './seed-demo';
