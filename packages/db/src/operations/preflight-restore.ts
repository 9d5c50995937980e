import {
  AppError,
  clockSkewNote,
  instanceNow,
  parseRestoreTarget,
  planRestore,
  type RestoreMode,
  type RestorePlan,
} from '@rewind/core';
import type { Tx } from '../client';
import { getInstance, type InstanceRecord } from './get-instance';
import { loadRestoreCatalog } from './load-restore-catalog';

export interface RestoreRequestBody {
  /** as the client sent it; validated here */
  target?: unknown;
  mode?: RestoreMode;
  region?: string;
  /** replace only: wait in awaiting_cutover for a confirmation (after the diff was seen) */
  confirmCutover?: boolean;
}

export interface PreflightRestoreOptions {
  tenantId: string;
  instanceId: string;
  body: RestoreRequestBody;
  /** region names, region A first (from the stack env) */
  regions: readonly string[];
  now?: Date;
}

export interface PreflightResult {
  instance: InstanceRecord;
  /** `clockSkewMs`: the instance's clock minus the control plane's at the last catalog sync */
  plan: RestorePlan & { clockSkewMs: number | null };
}

/**
 * Would this restore work, and from where? Reads only the catalog: nothing is provisioned.
 * Throws AppError: not_found (unknown or another tenant's instance), validation_failed,
 * target_naive, target_in_future / _before_window / _after_window / _in_gap (with nearest).
 */
export async function preflightRestore(
  tx: Tx,
  options: PreflightRestoreOptions,
): Promise<PreflightResult> {
  const instance = await getInstance(tx, options.tenantId, options.instanceId);
  if (instance.kind === 'clone')
    throw new AppError(
      'validation_failed',
      'this instance is a restored clone; restore from the instance it was cloned from',
    );
  if (instance.status !== 'running' && instance.status !== 'stopped')
    throw new AppError(
      'conflict',
      `instance ${instance.name} is ${instance.status}; it can be restored once it is running`,
    );
  // the API's schema checks mode too; this op is also called from the CLI, tests and drills,
  // and the column is plain text: a typo must not become a restore of an unknown kind
  const mode: unknown = options.body.mode;
  if (mode !== undefined && mode !== 'clone' && mode !== 'replace')
    throw new AppError(
      'validation_failed',
      `mode must be "clone" or "replace", not ${JSON.stringify(mode)}`,
    );
  const confirmCutover: unknown = options.body.confirmCutover;
  if (confirmCutover !== undefined && typeof confirmCutover !== 'boolean')
    throw new AppError('validation_failed', 'confirmCutover must be true or false');
  if (confirmCutover === true && mode !== 'replace')
    throw new AppError(
      'validation_failed',
      'confirmCutover applies to a replace; a clone is handed over without a cutover',
    );
  const target = parseRestoreTarget(options.body.target);
  const catalog = await loadRestoreCatalog(tx, options.tenantId, instance.id, options.regions);
  const plan = planRestore({
    target,
    ...catalog,
    // a time target is a second on the instance's commit clock, so "in the future" is judged there
    now: instanceNow(options.now ?? new Date(), instance.clockSkewMs),
    ...(options.body.region !== undefined ? { region: options.body.region } : {}),
    timeZone: instance.timezone,
  });
  const note = clockSkewNote(instance.clockSkewMs, instance.probedAt);
  return {
    instance,
    plan: {
      ...plan,
      notes: note ? [...plan.notes, note] : plan.notes,
      clockSkewMs: instance.clockSkewMs,
    },
  };
}
