import 'server-only';
import { alertmanagerNotification } from '@rewind/core';
import { alertsQuery, createWebhookBody } from '../../alerts/alert-views';
import { auditQuerySchema } from '../../audit/audit-query';
import { anyObject, type ApiOperation } from '../api-operation';

/** The API's operations on the audit trail and alerts. */
export const auditAndAlertsOperations: readonly ApiOperation[] = [
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
    path: '/api/v1/alerts',
    summary: "Open and resolved alerts on the tenant's instances",
    tag: 'alerts',
    query: alertsQuery,
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/alerts/webhooks',
    summary: "The tenant's alert webhooks (owners)",
    tag: 'alerts',
    status: 200,
    response: anyObject,
  },
  {
    method: 'post',
    path: '/api/v1/alerts/webhooks',
    summary: 'Register an alert webhook; its signing secret is answered once',
    tag: 'alerts',
    body: createWebhookBody,
    status: 201,
    response: anyObject,
  },
  {
    method: 'delete',
    path: '/api/v1/alerts/webhooks/{id}',
    summary: 'Delete an alert webhook (owners); its delivery log stays',
    tag: 'alerts',
    status: 204,
    response: null,
  },
  {
    method: 'get',
    path: '/api/v1/alerts/webhooks/deliveries',
    summary: 'Delivery log of alert webhooks: status, attempts, response code',
    tag: 'alerts',
    status: 200,
    response: anyObject,
  },
  {
    method: 'post',
    path: '/api/v1/alerts/alertmanager',
    summary: "Alertmanager's webhook receiver (the stack's bearer token): fleet alerts",
    tag: 'alerts',
    auth: false,
    body: alertmanagerNotification,
    status: 200,
    response: anyObject,
  },
];
