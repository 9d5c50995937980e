import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, connect, type ScratchDatabase } from '../testing/scratch-database';
import { runMigrations } from './run-migrations';

let scratch: ScratchDatabase;

beforeAll(async () => {
  scratch = await createScratchDatabase(undefined, 'rewind_mig');
});
afterAll(async () => {
  await scratch?.drop();
});

describe('migrations', () => {
  it('apply to an empty database, then a second run is a no-op', async () => {
    const first = await runMigrations(scratch.ownerUrl);
    expect(first.applied).toEqual(
      expect.arrayContaining(['0000_init', '0001_rls_grants_audit_append_only']),
    );
    expect(first.alreadyApplied).toBe(0);

    const second = await runMigrations(scratch.ownerUrl);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });

    const c = await connect(scratch.ownerUrl);
    try {
      const recorded = await c.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(recorded.rows[0].n).toBe(first.applied.length);
      const forced = await c.query<{ relname: string }>(
        `select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relrowsecurity and relforcerowsecurity order by 1`,
      );
      expect(forced.rows.map((r) => r.relname)).toEqual(
        [
          'alert_deliveries',
          'alert_webhooks',
          'alerts',
          'api_tokens',
          'approvals',
          'audit_events',
          'audit_exports',
          'geo_checks',
          'idempotency_keys',
          'instance_region_status',
          'backups',
          'instances',
          'invitations',
          'memberships',
          'recovery_point_samples',
          'relation_names',
          'repository_checks',
          'restore_drills',
          'restore_points',
          'restores',
          'tenants',
          'users',
          'validation_queries',
          'wal_ranges',
        ].sort(),
      );
      const triggers = await c.query<{ tgname: string }>(
        `select tgname from pg_trigger where tgrelid = 'audit_events'::regclass and not tgisinternal order by 1`,
      );
      expect(triggers.rows.map((r) => r.tgname)).toEqual([
        'audit_events_no_truncate',
        'audit_events_no_update_delete',
      ]);
    } finally {
      await c.end();
    }
  });

  it('grants the app role only what the tenant paths need', async () => {
    const c = await connect(scratch.ownerUrl);
    try {
      const privs = await c.query<{ table_name: string; privileges: string }>(
        `select table_name, string_agg(privilege_type, ',' order by privilege_type) as privileges
           from information_schema.role_table_grants where grantee = 'rewind_app' group by table_name order by table_name`,
      );
      const byTable = Object.fromEntries(privs.rows.map((r) => [r.table_name, r.privileges]));
      expect(byTable).toEqual({
        alert_deliveries: 'INSERT,SELECT,UPDATE',
        alert_webhooks: 'DELETE,INSERT,SELECT,UPDATE',
        alerts: 'INSERT,SELECT,UPDATE',
        api_tokens: 'DELETE,INSERT,SELECT,UPDATE',
        approvals: 'DELETE,INSERT,SELECT,UPDATE',
        audit_events: 'INSERT,SELECT',
        audit_exports: 'INSERT,SELECT',
        geo_checks: 'DELETE,INSERT,SELECT,UPDATE',
        instance_region_status: 'DELETE,INSERT,SELECT,UPDATE',
        backups: 'DELETE,INSERT,SELECT,UPDATE',
        hosts: 'SELECT',
        idempotency_keys: 'DELETE,INSERT,SELECT',
        instances: 'DELETE,INSERT,SELECT,UPDATE',
        invitations: 'DELETE,INSERT,SELECT,UPDATE',
        memberships: 'DELETE,INSERT,SELECT,UPDATE',
        plans: 'SELECT',
        recovery_point_samples: 'DELETE,INSERT,SELECT',
        relation_names: 'INSERT,SELECT,UPDATE',
        repository_checks: 'INSERT,SELECT',
        restore_drills: 'INSERT,SELECT,UPDATE',
        restore_points: 'DELETE,INSERT,SELECT,UPDATE',
        restores: 'DELETE,INSERT,SELECT,UPDATE',
        tenants: 'SELECT,UPDATE',
        users: 'SELECT',
        validation_queries: 'DELETE,INSERT,SELECT,UPDATE',
        wal_ranges: 'DELETE,INSERT,SELECT,UPDATE',
      });
      // column grants: on users the app may update the session version only (ending a removed member's sessions)
      const columns = await c.query<{ t: string; col: string; p: string }>(
        `select table_name as t, column_name as col, privilege_type as p from information_schema.column_privileges
          where grantee = 'rewind_app' and privilege_type <> 'SELECT'
            and (table_name, privilege_type) not in (select table_name, privilege_type from information_schema.role_table_grants where grantee = 'rewind_app')`,
      );
      expect(columns.rows).toEqual([{ t: 'users', col: 'session_version', p: 'UPDATE' }]);
    } finally {
      await c.end();
    }
  });
});
