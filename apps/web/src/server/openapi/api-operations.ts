import 'server-only';
import type { ApiOperation } from './api-operation';
import { accountOperations } from './operations/account';
import { adminOperations } from './operations/admin';
import { auditAndAlertsOperations } from './operations/audit-and-alerts';
import { instancesOperations } from './operations/instances';
import { restoresOperations } from './operations/restores';

export type { ApiOperation } from './api-operation';

/**
 * Every operation of the HTTP API, one file per area under operations/. The OpenAPI document is
 * generated from this list; a unit test walks app/api/**\/route.ts and fails on a route method
 * missing here.
 */
export const apiOperations: readonly ApiOperation[] = [
  ...accountOperations,
  ...instancesOperations,
  ...restoresOperations,
  ...auditAndAlertsOperations,
  ...adminOperations,
];
