export * from './client';
export * from './platform-db';
export * from './tenant-tx';
export * as schema from './schema';
export * from './schema';
export * from './access';
export * from './auth';
export * from './audit/append-audit-event';
export * from './operations';
export * from './env/load-stack-env';
export { runMigrations, type MigrationReport } from './migrate/run-migrations';
// Query operators re-exported for packages that compose queries (activities); apps/ use none:
// their queries are operations here, their tests use `@rewind/db/testing`.
export { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
export * from './audit/audit-export-batch';
