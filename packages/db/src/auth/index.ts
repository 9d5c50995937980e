export * from './find-user-by-email';
export * from './memberships-of-user';
export * from './find-api-token';
export * from './login-attempts';
export * from './session-version';
export * from './find-invitation';
export * from './change-password';
