import 'server-only';
import { instanceRecoverabilityQuery } from '../../recoverability/recoverability-queries';
import { decisionBody, restoreListQuery, undoBody } from '../../restores/decision-body';
import { restoreBody } from '../../restores/restore-body';
import { restoreDiffQuery } from '../../restores/diff-query';
import {
  acceptedSchema,
  cloneDiffSchema,
  preflightSchema,
  restoreSchema,
} from '../response-schemas';
import { anyObject, anyList, type ApiOperation } from '../api-operation';

/** The API's operations on restores: requests, decisions, progress, diffs. */
export const restoresOperations: readonly ApiOperation[] = [
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
    path: '/api/v1/instances/{id}/repository-checks',
    summary: 'Scheduled pgbackrest verify and WAL continuity results per region',
    tag: 'restores',
    status: 200,
    response: anyObject,
  },
  {
    method: 'get',
    path: '/api/v1/instances/{id}/recoverability',
    summary:
      "The instance's recovery point age trend per region, its newest drills and verified coverage",
    tag: 'restores',
    query: instanceRecoverabilityQuery,
    status: 200,
    response: anyObject,
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
    method: 'get',
    path: '/api/v1/restores/{id}/diff',
    summary:
      'The clone against its source, per table: row counts, rows only on one side and changed rows by primary key (a sample above sampleBound rows); ?format=csv answers text/csv',
    tag: 'restores',
    query: restoreDiffQuery,
    status: 200,
    response: cloneDiffSchema,
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
    path: '/api/v1/restores/{id}/cutover',
    summary: 'Confirm the cutover of a verified replace (requested with confirmCutover)',
    tag: 'restores',
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
];
