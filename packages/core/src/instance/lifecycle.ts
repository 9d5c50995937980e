import { AppError } from '../errors/app-error';
import type { RestoreMode } from '../restore/restore-mode';

/**
 * Which lifecycle actions a tenant may ask for, in which state. Pure: the caller loads the
 * facts (with the instance row locked, so two requests cannot both pass) and applies the
 * status this answers in the same transaction.
 *
 * What a managed PostgreSQL service does, and so what we do:
 * - stop only a running instance, start only a stopped one; a second click while the first is
 *   still stopping/starting is refused, not queued (the workflow ids are per action, so a second
 *   run would race the first);
 * - delete a running, stopped or failed instance (a failed one is exactly what people clean up),
 *   never one that is still being created, stopped, started, restored or deleted;
 * - a legal hold blocks deletion (like deletion protection): the hold exists so that nobody
 *   removes the data by accident or on purpose while it is on; release it first;
 * - a restore of the instance that is pending approval or running blocks deletion: it reads the
 *   instance's record and stanza, and a replace swaps this very instance's data. Cancel it or
 *   let it finish (a finished restore no longer blocks; its clone is an instance of its own);
 * - a replace restore pending approval or running blocks stop: its cutover stops, swaps and
 *   starts this instance. A clone restore (or a drill) reads only backups and WAL from the
 *   regions, so stopping the source does not disturb it;
 * - clones are created and removed by their restore (TTL): the lifecycle workflows address an
 *   instance by its stanza, which a clone does not own, so they are refused here.
 */
export const instanceActions = ['stop', 'start', 'delete'] as const;
export type InstanceAction = (typeof instanceActions)[number];

/** The status an accepted action moves the instance to at once; its workflow finishes it. */
export const IN_PROGRESS_STATUS = {
  stop: 'stopping',
  start: 'starting',
  delete: 'deleting',
} as const satisfies Record<InstanceAction, string>;

export interface ActiveRestoreFact {
  id: string;
  mode: RestoreMode;
  status: string;
}

export interface LifecycleFacts {
  name: string;
  status: string;
  kind: 'primary' | 'clone';
  legalHold: boolean;
  /** restores of this instance that are pending approval or running */
  activeRestores: readonly ActiveRestoreFact[];
}

const ALLOWED_FROM: Record<InstanceAction, readonly string[]> = {
  stop: ['running'],
  start: ['stopped'],
  delete: ['running', 'stopped', 'failed'],
};

const VERB: Record<InstanceAction, { past: string; gerund: string }> = {
  stop: { past: 'stopped', gerund: 'stopping' },
  start: { past: 'started', gerund: 'starting' },
  delete: { past: 'deleted', gerund: 'deleting' },
};

/** Why `action` is refused for an instance in this state, or null when it may go ahead. */
export function lifecycleRefusal(action: InstanceAction, f: LifecycleFacts): string | null {
  const who = `instance ${f.name}`;
  if (f.kind === 'clone')
    return `${who} is a restored clone; it is removed when its restore's time to live ends and cannot be stopped, started or deleted on its own`;
  if (!ALLOWED_FROM[action].includes(f.status)) {
    if (action === 'stop' && (f.status === 'stopped' || f.status === 'stopping'))
      return `${who} is already ${f.status}`;
    if (action === 'start' && (f.status === 'running' || f.status === 'starting'))
      return `${who} is already ${f.status}`;
    if (action === 'delete' && f.status === 'deleting') return `${who} is already being deleted`;
    const allowed = orList(ALLOWED_FROM[action]);
    return `${who} is ${f.status}; only an instance that is ${allowed} can be ${VERB[action].past}`;
  }
  if (action === 'delete' && f.legalHold)
    return `${who} is under legal hold; release the hold before deleting it`;
  const blocking = f.activeRestores.filter(
    (r) => action === 'delete' || (action === 'stop' && r.mode === 'replace'),
  );
  if (blocking.length > 0) {
    const r = blocking[0]!;
    const state = r.status === 'pending_approval' ? 'waiting for approval' : r.status;
    return `a ${r.mode} restore of ${who} is ${state} (restore ${r.id}); cancel it or wait until it finishes before ${VERB[action].gerund} the instance`;
  }
  return null;
}

/** Throws `conflict` (409) with the reason (and the current status in details) when the action is not allowed now. */
export function assertLifecycleAllowed(action: InstanceAction, facts: LifecycleFacts): void {
  const refusal = lifecycleRefusal(action, facts);
  if (refusal !== null) throw new AppError('conflict', refusal, { status: facts.status });
}

function orList(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}
