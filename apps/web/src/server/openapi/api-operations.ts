import 'server-only';
import { z } from 'zod';
import { planLimitsBody, tenantPlanBody } from '../admin/plan-body';
import { adminAuditQuery, adminDrillsQuery, adminRestoresQuery } from '../admin/admin-queries';
import { auditQuerySchema } from '../audit/audit-query';
import {
  createInstanceBody,
  instanceActionBody,
  startBackupBody,
} from '../instances/instance-bodies';
import { decisionBody, restoreListQuery, undoBody } from '../restores/decision-body';
import { restoreBody } from '../restores/restore-body';
import { createValidationQueryBody } from '../instances/validation-query-view';
import {
  acceptInvitationBody,
  addMemberBody,
  changePasswordBody,
  legalHoldBody,
  updateMemberBody,
} from '../tenancy/member-bodies';
import { tenantPatchBody } from '../tenancy/tenant-settings';
import { createTokenBody } from '../tenancy/token-view';
import {
  acceptedSchema,
  healthSchema,
  instanceDetailSchema,
  instanceSummarySchema,
  listOf,
  meSchema,
  okSchema,
  preflightSchema,
  restoreSchema,
} from './response-schemas';

/**
 * Every operation of the HTTP API, with the zod schemas its route validates with (bodies and
 * queries are imported from the modules the routes import them from, never written again) and
 * what it answers. The OpenAPI document is generated from this table; a unit test walks
 * app/api/**\/route.ts and fails on a route method missing here.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: /api/v1/instances/{id} */
  path: string;
  summary: string;
  tag: string;
  /** false: no credentials needed */
  auth?: boolean;
  body?: z.ZodTypeAny;
  /** optional body (POST …/backups takes none or one) */
  bodyOptional?: boolean;
  query?: z.ZodTypeAny;
  /** the success status and its body (null: no body) */
  status: 200 | 201 | 202 | 204;
  response: z.ZodTypeAny | null;
  /** other answers with their own body (not the error body), e.g. health's 503 */
  otherResponses?: Readonly<Record<number, { description: string; schema: z.ZodTypeAny }>>;
}

const empty = z.object({}).strict();
const anyObject = okSchema;
const anyList = listOf(anyObject);
const walEventsQuery = z
  .object({
    from: z.string().describe('RFC 3339 with an offset'),
    to: z.string().describe('RFC 3339 with an offset; at most 7 days after from'),
  })
  .strict();

export const apiOperations: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Each dependency with status and latency',
    tag: 'health',
    auth: false,
    status: 200,
    response: healthSchema,
    otherResponses: {
      503: { description: 'A dependency is down (the same body, naming it)', schema: healthSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document',
    tag: 'meta',
    auth: false,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/me',
    summary: 'Who is calling: principal, tenant, role, permissions',
    tag: 'me',
    status: 200,
    response: meSchema,
  },
  {
    method: 'post',
    path: '/api/v1/me/password',
    summary: 'Change the password; ends every session',
    tag: 'me',
    body: changePasswordBody,
    status: 204,
    response: null,
  },
  {
    method: 'get',
    path: '/api/v1/instances',
    summary: "The tenant's instances",
    tag: 'instances',
    status: 200,
    response: listOf(instanceSummarySchema),
  },
  {
    method: 'post',
    path: '/api/v1/instances',
    summary: 'Create an instance',
    tag: 'instances',
    body: createInstanceBody,
    status: 201,
    response: acceptedSchema,
  },
  {
    method: 'get',
    path: '/api/v1/instances/{id}',
    summary: 'One instance with its connection and restorable window per region',
    tag: 'instances',
    status: 200,
    response: instanceDetailSchema,
  },
  {
    method: 'patch',
    path: '/api/v1/instances/{id}',
    summary: 'Set or clear the legal hold',
    tag: 'instances',
    body: legalHoldBody,
    status: 200,
    response: anyObject,
  },
  {
    method: 'delete',
    path: '/api/v1/instances/{id}',
    summary: 'Delete the instance (backups stay until retention ends)',
    tag: 'instances',
    status: 202,
    response: acceptedSchema,
  },
  {
    method: 'post',
    path: '/api/v1/instances/{id}/start',
    summary: 'Start a stopped instance',
    tag: 'instances',
    body: instanceActionBody,
    bodyOptional: true,
    status: 202,
    response: acceptedSchema,
  },
  {
    method: 'post',
    path: '/api/v1/instances/{id}/stop',
    summary: 'Stop a running instance',
    tag: 'instances',
    body: instanceActionBody,
    bodyOptional: true,
    status: 202,
    response: acceptedSchema,
  },
  {
    method: 'get',
    path: '/api/v1/instances/{id}/backups',
    summary: 'Backups per region',
    tag: 'backups',
    status: 200,
    response: anyList,
  },
  {
    method: 'post',
    path: '/api/v1/instances/{id}/backups',
    summary: 'Start a backup now',
    tag: 'backups',
    body: startBackupBody,
    bodyOptional: true,
    status: 202,
    response: anyObject,
  },
  {
    method: 'post',
    path: '/api/v1/instances/{id}/restores/preflight',
    summary: 'What would serve the target, or why nothing can; nothing is provisioned',
    tag: 'restores',
    body: restoreBody,
    status: 200,
    response: preflightSchema,
  },
  {
    method: 'post',
    path: '/api/v1/instances/{id}/restores',
    summary: 'Request a restore',
    tag: 'restores',
    body: restoreBody,
    status: 202,
    response: acceptedSchema,
  },
  {
    method: 'get',
    path: '/api/v1/instances/{id}/drills',
    summary: 'Restore drills with results',
    tag: 'restores',
    status: 200,
    response: anyList,
  },
  {
    method: 'get',
    path: '/api/v1/instances/{id}/wal-events',
    summary: 'Destructive events in archived WAL',
    tag: 'instances',
    query: walEventsQuery,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/instances/{id}/validation-queries',
    summary: 'Validation queries, in run order',
    tag: 'validation queries',
    status: 200,
    response: anyList,
  },
  {
    method: 'post',
    path: '/api/v1/instances/{id}/validation-queries',
    summary: 'Save a validation query',
    tag: 'validation queries',
    body: createValidationQueryBody,
    status: 201,
    response: anyObject,
  },
  {
    method: 'delete',
    path: '/api/v1/instances/{id}/validation-queries/{queryId}',
    summary: 'Delete a validation query',
    tag: 'validation queries',
    status: 204,
    response: null,
  },
  {
    method: 'get',
    path: '/api/v1/restores',
    summary: "The tenant's restores, newest first",
    tag: 'restores',
    query: restoreListQuery,
    status: 200,
    response: anyList,
  },
  {
    method: 'get',
    path: '/api/v1/restores/{id}',
    summary: 'Phase, progress, checks and result of a restore',
    tag: 'restores',
    status: 200,
    response: restoreSchema,
  },
  {
    method: 'post',
    path: '/api/v1/restores/{id}/approve',
    summary: 'Approve (never your own request)',
    tag: 'restores',
    body: decisionBody,
    status: 202,
    response: anyObject,
  },
  {
    method: 'post',
    path: '/api/v1/restores/{id}/reject',
    summary: 'Reject',
    tag: 'restores',
    body: decisionBody,
    status: 202,
    response: anyObject,
  },
  {
    method: 'post',
    path: '/api/v1/restores/{id}/cancel',
    summary: 'Cancel a running restore',
    tag: 'restores',
    status: 202,
    response: anyObject,
  },
  {
    method: 'post',
    path: '/api/v1/restores/{id}/undo',
    summary: 'Put the replaced data back',
    tag: 'restores',
    body: undoBody,
    status: 202,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/audit',
    summary: 'Audit events',
    tag: 'audit',
    query: auditQuerySchema,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/audit/verify',
    summary: "The audit chain's verdict",
    tag: 'audit',
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/tenant',
    summary: "The tenant's settings",
    tag: 'tenant',
    status: 200,
    response: anyObject,
  },
  {
    method: 'patch',
    path: '/api/v1/tenant',
    summary: 'Change retention or approval policy',
    tag: 'tenant',
    body: tenantPatchBody,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/members',
    summary: 'Members and pending invitations',
    tag: 'members',
    status: 200,
    response: anyList,
  },
  {
    method: 'post',
    path: '/api/v1/members',
    summary: 'Invite a member',
    tag: 'members',
    body: addMemberBody,
    status: 202,
    response: anyObject,
  },
  {
    method: 'patch',
    path: '/api/v1/members/{userId}',
    summary: "Change a member's role",
    tag: 'members',
    body: updateMemberBody,
    status: 200,
    response: anyObject,
  },
  {
    method: 'delete',
    path: '/api/v1/members/{userId}',
    summary: 'Remove a member',
    tag: 'members',
    status: 204,
    response: null,
  },
  {
    method: 'post',
    path: '/api/v1/invitations/accept',
    summary: 'Accept an invitation',
    tag: 'members',
    body: acceptInvitationBody,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/tokens',
    summary: 'API tokens',
    tag: 'tokens',
    status: 200,
    response: anyList,
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    summary: 'Create an API token (shown once)',
    tag: 'tokens',
    body: createTokenBody,
    status: 201,
    response: anyObject,
  },
  {
    method: 'delete',
    path: '/api/v1/tokens/{id}',
    summary: 'Revoke an API token',
    tag: 'tokens',
    status: 204,
    response: null,
  },
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
    path: '/api/v1/admin/drills',
    summary: 'Restore drills across tenants (platform admin)',
    tag: 'admin',
    query: adminDrillsQuery,
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
