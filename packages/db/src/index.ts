export * from './client';
export * from './tenant-tx';
export * as schema from './schema';
export * from './schema';
// Query operators re-exported so apps don't depend on drizzle-orm directly.
export { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
