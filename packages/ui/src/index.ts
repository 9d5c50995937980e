export * from './button';
export * from './cx';
export * from './empty-state';
export * from './error-state';
export * from './spinner';
export * from './status-badge';
