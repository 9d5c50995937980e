// Test helpers (`@rewind/db/testing`): scratch databases and tenants, and row access for
// fixtures and assertions, so tests under apps/ write no SQL of their own.
export * from './scratch-database';
export * from './seeded-scratch';
export * from './scratch-tenant';
export * from './table-rows';
