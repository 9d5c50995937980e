import 'server-only';
import { planLimitsBody, tenantPlanBody } from '../../admin/plan-body';
import { adminAuditQuery, adminDrillsQuery, adminRestoresQuery } from '../../admin/admin-queries';
import { adminAlertsQuery } from '../../alerts/alert-views';
import { fleetRecoverabilityQuery } from '../../recoverability/recoverability-queries';
import { decisionBody } from '../../restores/decision-body';
import { empty, anyObject, type ApiOperation } from '../api-operation';

/** The API's operations on the platform console. */
export const adminOperations: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/admin/fleet',
    summary: 'Every instance with RPO, sync and geo state (platform admin)',
    tag: 'admin',
    query: empty,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/admin/tenants',
    summary: 'Tenants (platform admin)',
    tag: 'admin',
    query: empty,
    status: 200,
    response: anyObject,
  },
  {
    method: 'patch',
    path: '/api/v1/admin/tenants/{id}',
    summary: 'Move a tenant to a plan (platform admin)',
    tag: 'admin',
    body: tenantPlanBody,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/admin/plans',
    summary: 'Plans (platform admin)',
    tag: 'admin',
    query: empty,
    status: 200,
    response: anyObject,
  },
  {
    method: 'patch',
    path: '/api/v1/admin/plans/{id}',
    summary: "Change a plan's limits (platform admin)",
    tag: 'admin',
    body: planLimitsBody,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/admin/restores',
    summary: 'Restores across tenants (platform admin)',
    tag: 'admin',
    query: adminRestoresQuery,
    status: 200,
    response: anyObject,
  },
  {
    method: 'post',
    path: '/api/v1/admin/restores/{id}/approve',
    summary: 'Approve a restore (platform admin)',
    tag: 'admin',
    body: decisionBody,
    status: 202,
    response: anyObject,
  },
  {
    method: 'post',
    path: '/api/v1/admin/restores/{id}/reject',
    summary: 'Reject a restore (platform admin)',
    tag: 'admin',
    body: decisionBody,
    status: 202,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/admin/alerts',
    summary: 'Alerts across tenants and the fleet (platform admin)',
    tag: 'admin',
    query: adminAlertsQuery,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/admin/drills',
    summary: 'Restore drills across tenants (platform admin)',
    tag: 'admin',
    query: adminDrillsQuery,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/admin/recoverability',
    summary:
      'Fleet recoverability over 24 h, 7 d or 30 d: restore success, RTO per phase, recovery point age, drill pass rate, open alerts (platform admin)',
    tag: 'admin',
    query: fleetRecoverabilityQuery,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/admin/audit',
    summary: 'Audit search across tenants (platform admin)',
    tag: 'admin',
    query: adminAuditQuery,
    status: 200,
    response: anyObject,
  },
];
